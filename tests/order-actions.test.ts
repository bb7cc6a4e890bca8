import { randomBytes } from 'node:crypto';
import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invoices, mailOutbox, orderEvents, orderLines, orders, plans, subscriptions } from '@/lib/db/schema';
import { sendOrderMail } from '@/lib/orders/mails';
import { provisionLine } from '@/lib/orders/provision';
import { demoConnector } from '@/lib/provisioning/demo';
import { httpConnector } from '@/lib/provisioning/http';
import { manualConnector } from '@/lib/provisioning/manual';
import { storefrontConnector } from '@/lib/reselling/connector';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

/**
 * The storefront's staff cancel an order nothing of which is set up yet, with a reason in its
 * history: its lines are credited (on account, off the order's invoice) and a provisioning job
 * still queued for it finds it cancelled. An order set up, or one whose card page is open, is not
 * cancelled.
 */
let w: World;
let anna: string;
let staff: string;
let contoso: string;
let acronis: string;
let m365: string;
const key = () => randomBytes(12).toString('hex');

beforeAll(async () => {
  w = await createWorld();
  // No workers: a placed order waits in provisioning until the test sets it up by hand.
  await w.startJobs({ workers: false });
  anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
  staff = await w.cookieFor(w.tenants.acme, 'staff@acme.test');
  contoso = await w.orgId(w.tenants.acme, 'Contoso Ltd');
  const plan = async (sku: string) => (await w.db.select().from(plans).where(eq(plans.sku, sku)))[0]!.id;
  acronis = await plan('AC-CPC-STD-M');
  m365 = await plan('MS-M365-BASIC-M');
}, 60_000);
afterAll(async () => w?.drop());
beforeEach(() => w.install());

type Answer = { status: number; body: { data?: { orderId?: string; state?: string; paymentUrl?: string }; error?: { code: string; message: string } } };
async function post(route: string, cookie: string | undefined, body: object, tenant = w.tenants.acme): Promise<Answer> {
  const mod = (await import(`@/app/api/${route}/route`)) as { POST: (r: Request) => Promise<Response> };
  const response = await mod.POST(w.request(tenant, `/api/${route}`, { cookie, body }));
  return { status: response.status, body: await response.json() };
}

async function order(items: [string, number][]): Promise<string> {
  for (const [planId, seats] of items) expect((await post('cart', anna, { planId, seats })).status).toBe(200);
  const placed = await post('checkout', anna, { organizationId: contoso, paymentMethod: 'on_account', idempotencyKey: key(), locale: 'en' });
  expect(placed.status, JSON.stringify(placed.body)).toBe(200);
  return placed.body.data!.orderId!;
}

const connectors = () => ({ demo: demoConnector({ delayMs: 0, failureRate: 0 }), http: httpConnector({ secret: 'test-secret-test-secret-test-secret' }), manual: manualConnector(), storefront: storefrontConnector({ db: w.db }) });
const orderOf = async (id: string) => (await w.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const linesOf = (id: string) => w.db.select().from(orderLines).where(eq(orderLines.orderId, id)).orderBy(asc(orderLines.position));
const cancel = (cookie: string | undefined, body: Record<string, unknown>, tenant = w.tenants.acme) => post('admin/orders/cancel', cookie, { locale: 'en', reason: 'Customer ordered the wrong product', ...body }, tenant);

describe(`orders from the back office (${driverName})`, () => {
  it('cancels an order nothing of which is set up: lines credited off its invoice, the reason in its history, a queued job does nothing', async () => {
    const id = await order([[acronis, 5], [m365, 2]]);
    expect((await orderOf(id)).state).toBe('provisioning');
    const [invoice] = await w.db.select().from(invoices).where(eq(invoices.sourceKey, `order:${id}`));
    expect(invoice!.status).toBe('open');

    const done = await cancel(staff, { orderId: id });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await orderOf(id)).state).toBe('cancelled');
    expect((await linesOf(id)).map((l) => l.state)).toEqual(['failed', 'failed']);
    const [history] = await w.db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(asc(orderEvents.at)).then((e) => [e.at(-1)]);
    expect(history).toMatchObject({ fromState: 'provisioning', toState: 'cancelled', cause: 'cancelled by staff@acme.test: Customer ordered the wrong product' });
    // One credit note per line; together they settle the invoice, so nothing is owed for it.
    const notes = await w.db.select().from(invoices).where(eq(invoices.creditsInvoiceId, invoice!.id));
    expect(notes).toHaveLength(2);
    expect(notes.reduce((s, n) => s + n.subtotal, 0)).toBe(invoice!.subtotal);
    expect((await w.db.select().from(invoices).where(eq(invoices.id, invoice!.id)))[0]).toMatchObject({ status: 'paid' });

    // The provisioning job queued with the order comes later and sets nothing up.
    const [first] = await linesOf(id);
    expect(await provisionLine(w.db, { tenantId: w.tenants.acme.id, orderId: id, lineId: first!.id }, connectors(), () => new Date())).toBe('skipped');
    expect(await w.db.$count(subscriptions, eq(subscriptions.orderId, id))).toBe(0);

    // The customer is told, with the store's reason (the queued mail, sent here as its job would).
    await sendOrderMail(w.db, w.tenants.acme, id, 'cancelled');
    const [told] = await w.db.select().from(mailOutbox).where(and(eq(mailOutbox.to, 'anna@contoso.test'), like(mailOutbox.subject, '%was cancelled')));
    expect(told!.subject).toBe(`Acme Cloud Solutions: your order ${(await orderOf(id)).number} was cancelled`);
    expect(told!.text).toContain('Reason: Customer ordered the wrong product');

    // Twice is refused: the order is finished.
    expect((await cancel(staff, { orderId: id })).body.error!.code).toBe('illegal_transition');
  });

  it('refuses an order part of which is set up, naming what to do instead, and changes nothing', async () => {
    const id = await order([[acronis, 1], [m365, 1]]);
    const [line] = await linesOf(id);
    expect(await provisionLine(w.db, { tenantId: w.tenants.acme.id, orderId: id, lineId: line!.id }, connectors(), () => new Date())).toBe('provisioned');
    const before = await orderOf(id);
    expect(before.state).toBe('provisioning');
    const refused = await cancel(staff, { orderId: id });
    expect([refused.status, refused.body.error!.code]).toEqual([409, 'order_provisioned']);
    expect(refused.body.error!.message).toContain('subscriptions instead');
    expect(await orderOf(id)).toEqual(before);
  });

  it('who may: the storefront’s staff with a reason; not the customer, nobody signed out, nothing of another storefront', async () => {
    const id = await order([[acronis, 1]]);
    expect((await cancel(undefined, { orderId: id })).status).toBe(401);
    expect((await cancel(anna, { orderId: id })).status).toBe(403);
    const globex = await w.cookieFor(w.tenants.globex, 'admin@globex.test');
    expect((await cancel(globex, { orderId: id }, w.tenants.globex)).status).toBe(404);
    const noReason = await cancel(staff, { orderId: id, reason: '' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error!.message).toContain('reason');
    expect((await orderOf(id)).state).toBe('provisioning');
  });
});
