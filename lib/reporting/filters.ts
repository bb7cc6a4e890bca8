import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { organizations } from '../db/schema';

/** The storefront's customers, by name, as the lists' "customer" filter offers them. */
export function customerChoices(db: Db, tenantId: string) {
  return db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.tenantId, tenantId)).orderBy(organizations.name).limit(500).execute();
}
