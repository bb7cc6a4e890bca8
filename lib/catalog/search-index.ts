import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';

/**
 * Writes the search documents of a catalog's products (name, SKU and vendor weigh most, then plan
 * names, then the description; every language) and the catalog's list of words, which search
 * uses to correct a misspelt word. Run in the import's transaction, so search never sees half an
 * import. The expression is also in drizzle/0008_search.sql, for catalogs imported before it.
 */
export async function indexCatalog(db: Db, catalogTenantId: string): Promise<void> {
  await db.execute(sql`
    update products p set search_doc =
      setweight(to_tsvector('simple', coalesce(p.name->>'en','') || ' ' || coalesce(p.name->>'de','') || ' ' || coalesce(p.name->>'fr','') || ' ' || p.sku || ' ' || v.name), 'A')
      || setweight(to_tsvector('simple', coalesce((select string_agg(coalesce(pl.name->>'en','') || ' ' || coalesce(pl.name->>'de','') || ' ' || coalesce(pl.name->>'fr',''), ' ') from plans pl where pl.tenant_id = p.tenant_id and pl.product_id = p.id), '')), 'B')
      || setweight(to_tsvector('simple', coalesce(p.description->>'en','') || ' ' || coalesce(p.description->>'de','') || ' ' || coalesce(p.description->>'fr','')), 'C')
    from vendors v
    where p.tenant_id = ${catalogTenantId} and v.tenant_id = p.tenant_id and v.id = p.vendor_id`);
  await db.execute(sql`delete from search_terms where tenant_id = ${catalogTenantId}`);
  await db.execute(sql`
    insert into search_terms (tenant_id, term)
    select distinct ${catalogTenantId}::uuid, w.term
    from products p, unnest(tsvector_to_array(p.search_doc)) as w(term)
    where p.tenant_id = ${catalogTenantId} and length(w.term) between 3 and 40`);
}
