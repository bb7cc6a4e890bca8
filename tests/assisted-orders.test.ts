import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '@/lib/db/tenant';
import { mailOutbox, orderEvents, orderLines, orders, organizations } from '@/lib/db/schema';
import { readAssistedLines } from '@/lib/orders/assisted';
import { sendOrderMail } from '@/lib/orders/mails';
import { organizationOrders } from '@/lib/orders/queries';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

/** Orders the storefront's staff place for a customer: its prices, the usual rules, its confirmation. */

let w: World;
let contoso: string;
let fabrikam: string;
const acme = () => w.tenants.acme;
const key = () => randomBytes(12).toString('hex');

async function place(email: string, organizationId: string, rows: [string, string][], tenant = acme(), idempotencyKey = key()) {
  const { POST } = await import('@/app/api/admin/customers/order/route');
  const body: Record<string, string> = { organizationId, idempotencyKey };
  rows.forEach(([sku, seats], i) => Object.assign(body, { [`sku${i}`]: sku, [`seats${i}`]: seats }));
  const response = await POST(w.request(tenant, '/api/admin/customers/order', { cookie: await w.cookieFor(tenant, email), body }));
  return { status: response.status, body: (await response.json()) as { data?: { orderId: string; number: number }; error?: { code: string; message: string; details?: string[] } } };
}

beforeAll(async () => {
  w = await createWorld();
  await w.startJobs({ workers: false });
  contoso = await w.orgId(acme(), 'Contoso Ltd');
  fabrikam = await w.orgId(acme(), 'Fabrikam Inc');
}, 60_000);
afterAll(async () => w?.drop());
beforeEach(() => w.install());

describe(`orders placed for a customer (${driverName})`, () => {
  it('reads the form’s rows, naming each one it cannot read', () => {
    expect(readAssistedLines({ sku0: ' ms-m365-basic-m ', seats0: '3', sku1: '', seats1: '' })).toEqual({ lines: [{ sku: 'MS-M365-BASIC-M', seats: 3 }], problems: [] });
    expect(readAssistedLines({ sku0: 'A', seats0: 'three', seats1: '2', sku2: 'A', seats2: '1' }).problems).toEqual([
      'line 1: seats must be a whole number of at least 1',
      'line 2: enter the plan’s SKU',
    ]);
    expect(readAssistedLines({}).problems).toEqual(['line 1: add at least one plan']);
  });

  it('Acme’s staff order for Contoso on account; Contoso sees the order and its admins get the confirmation', async () => {
    const placed = await place('staff@acme.test', contoso, [['MS-M365-BASIC-M', '3'], ['ES-PROTECT-ENTRY-M', '2']]);
    expect(placed.status).toBe(200);
    const orderId = placed.body.data!.orderId;
    const [order] = await w.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order).toMatchObject({ tenantId: acme().id, organizationId: contoso, paymentMethod: 'on_account' });
    const lines = await w.db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.position);
    expect(lines.map((l) => [l.sku, l.seats])).toEqual([['MS-M365-BASIC-M', 3], ['ES-PROTECT-ENTRY-M', 2]]);
    expect(order!.subtotal).toBe(lines.reduce((s, l) => s + l.amount, 0));
    const events = await w.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId));
    expect(events.map((e) => e.cause)).toContain('placed by staff@acme.test');

    const seen = await withTenant(w.app.db, acme().id, (db) => organizationOrders(db, acme().id, contoso));
    expect(seen.map((o) => o.id)).toContain(orderId);

    await withTenant(w.app.db, acme().id, (db) => sendOrderMail(db, acme(), orderId, 'confirmation'));
    const mails = await w.db.select().from(mailOutbox).where(and(eq(mailOutbox.tenantId, acme().id)));
    const confirmation = mails.filter((m) => m.subject.includes(`#${order!.number}`) || m.text.includes(`${order!.number}`));
    const [contosoOrg] = await w.db.select().from(organizations).where(eq(organizations.id, contoso));
    expect(confirmation.map((m) => m.to).sort()).toEqual([...new Set(['anna@contoso.test', contosoOrg!.billingEmail])].sort());
    expect(confirmation.map((m) => m.to)).not.toContain('staff@acme.test');
  });

  it('places one order for one key, however often it is sent', async () => {
    const k = key();
    const first = await place('admin@acme.test', contoso, [['MS-M365-BASIC-M', '1']], acme(), k);
    const again = await place('admin@acme.test', contoso, [['MS-M365-BASIC-M', '1']], acme(), k);
    expect(again.body.data!.orderId).toBe(first.body.data!.orderId);
  });

  it('keeps the storefront’s rules and changes nothing when it refuses', async () => {
    const before = await w.db.$count(orders, eq(orders.tenantId, acme().id));
    const cases: [Awaited<ReturnType<typeof place>>, number, RegExp][] = [
      [await place('staff@acme.test', contoso, [['NO-SUCH-PLAN', '1']]), 422, /NO-SUCH-PLAN/],
      [await place('staff@acme.test', contoso, [['MS-M365-BASIC-M', '100000']]), 422, /between 1 and/],
      [await place('staff@acme.test', contoso, [['MS-M365-BASIC-M', '0']]), 422, /seats must be/],
      // Fabrikam may owe $50 on account at most.
      [await place('staff@acme.test', fabrikam, [['MS-M365-BASIC-M', '20']]), 409, /over your credit limit/],
      // A customer is not the store's staff; another store's staff do not know Acme's customers.
      [await place('anna@contoso.test', contoso, [['MS-M365-BASIC-M', '1']]), 403, /permission/],
      [await place('admin@globex.test', contoso, [['MS-M365-BASIC-M', '1']], w.tenants.globex), 404, /Not found/],
      // Storefront plans are the distributor's to sell, never on a reseller's storefront.
      [await place('staff@acme.test', contoso, [['CF-STORE-FREE-M', '1']]), 404, /not sold on this storefront/],
    ];
    for (const [response, status, message] of cases) {
      expect(response.status).toBe(status);
      expect([response.body.error!.message, ...(response.body.error!.details ?? [])].join(' ')).toMatch(message);
    }
    expect(await w.db.$count(orders, eq(orders.tenantId, acme().id))).toBe(before);
  });
});
