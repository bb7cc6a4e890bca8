import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invoices, mailOutbox, orderLines, orders, organizations, plans, products, provisioningTasks, subscriptions, tenants } from '@/lib/db/schema';
import { waitFor } from './helpers/wait';
import { asDistributor } from '@/lib/db/tenant';
import { parseTaxRates } from '@/lib/tenancy/commerce';
import { openProvisioningTasks } from '@/lib/orders/queries';
import { httpConnector, SIGNATURE_HEADER } from '@/lib/provisioning/http';
import { driverName } from './helpers/db';
import { createWorld, type World } from './helpers/world';

describe('the http connector', () => {
  let server: Server;
  let url: string;
  const seen: { signature: string; body: string }[] = [];
  let answer: { status: number; body: string } = { status: 200, body: '{"status":"provisioned","externalId":"vendor-42"}' };
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ signature: String(req.headers[SIGNATURE_HEADER]), body });
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/provision`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const request = () => ({ idempotencyKey: 'line_1', tenantId: 't', orderNumber: 7, sku: 'SKU-1', productName: 'Thing', seats: 3, billingPeriod: 'month' as const, termMonths: 1, customer: { id: 'c', name: 'Contoso', country: 'US', email: 'a@b.test' }, url });

  it('POSTs the request as JSON, signed with HMAC-SHA256 over the time and body, and reads the vendor’s id', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const result = await httpConnector({ secret: 'vendor-secret-vendor-secret-vendor', now: () => now }).provision(request());
    expect(result).toEqual({ status: 'provisioned', externalId: 'vendor-42' });
    const last = seen.at(-1)!;
    expect(JSON.parse(last.body)).toMatchObject({ action: 'provision', sku: 'SKU-1', seats: 3, idempotencyKey: 'line_1' });
    const t = Math.floor(now.getTime() / 1000);
    expect(last.signature).toBe(`t=${t},v1=${createHmac('sha256', 'vendor-secret-vendor-secret-vendor').update(`${t}.${last.body}`).digest('hex')}`);
  });

  it('an error status or an answer without an id is a failure (the job retries it)', async () => {
    answer = { status: 503, body: 'busy' };
    await expect(httpConnector({ secret: 's'.repeat(32) }).provision(request())).rejects.toThrow(/answered 503/);
    answer = { status: 200, body: '{"status":"provisioned"}' };
    await expect(httpConnector({ secret: 's'.repeat(32) }).provision(request())).rejects.toThrow(/without an externalId/);
    answer = { status: 200, body: '{"status":"provisioned","externalId":"vendor-42"}' };
  });
});

describe(`manual provisioning and the portal (${driverName})`, () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
    await w.startJobs();
  }, 60_000);
  afterAll(async () => w?.drop());
  beforeEach(() => w.install());

  async function orderManual(): Promise<string> {
    const anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
    const [plan] = await w.db
      .select({ id: plans.id })
      .from(plans)
      .innerJoin(products, eq(products.id, plans.productId))
      .where(eq(products.slug, 'veeam-backup-for-microsoft-365'))
      .limit(1);
    const { POST: add } = await import('@/app/api/cart/route');
    await add(w.request(w.tenants.acme, '/api/cart', { cookie: anna, body: { planId: plan!.id, seats: 10 } }));
    const { POST } = await import('@/app/api/checkout/route');
    const response = await POST(w.request(w.tenants.acme, '/api/checkout', { cookie: anna, body: { organizationId: await w.orgId(w.tenants.acme, 'Contoso Ltd'), paymentMethod: 'on_account', idempotencyKey: randomBytes(12).toString('hex'), locale: 'en' } }));
    return ((await response.json()) as { data: { orderId: string } }).data.orderId;
  }

  async function taskOf(orderId: string) {
    for (let i = 0; i < 100; i++) {
      const [task] = await w.db.select().from(provisioningTasks).where(eq(provisioningTasks.orderId, orderId));
      if (task) return task;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('no task');
  }

  it('a manual product becomes a task in the distributor’s console; completing it creates the subscription', async () => {
    const orderId = await orderManual();
    const task = await taskOf(orderId);
    const listed = await asDistributor(w.app.db, w.tenants.northwind, (db) => openProvisioningTasks(db));
    expect(listed.map((t) => t.task.id)).toContain(task.id);
    expect((await w.db.select().from(orders).where(eq(orders.id, orderId)))[0]!.state).toBe('provisioning');

    const resolve = async (cookie: string, tenant: World['tenants']['acme'], body: object) => {
      const { POST } = await import('@/app/api/admin/tasks/route');
      return POST(w.request(tenant, '/api/admin/tasks', { cookie, body }));
    };
    // A reseller cannot resolve the distributor's tasks, not even on its own storefront.
    const acmeAdmin = await w.cookieFor(w.tenants.acme, 'admin@acme.test');
    expect((await resolve(acmeAdmin, w.tenants.acme, { tenantId: w.tenants.acme.id, taskId: task.id, outcome: 'done', externalId: 'x' })).status).toBe(403);
    const nora = await w.cookieFor(w.tenants.northwind, 'admin@northwind.test');
    // Completing needs the vendor's subscription id.
    expect((await resolve(nora, w.tenants.northwind, { tenantId: w.tenants.acme.id, taskId: task.id, outcome: 'done' })).status).toBe(422);
    expect((await resolve(nora, w.tenants.northwind, { tenantId: w.tenants.acme.id, taskId: task.id, outcome: 'done', externalId: 'VEEAM-123' })).status).toBe(200);
    // Twice is refused, and changes nothing.
    expect((await resolve(nora, w.tenants.northwind, { tenantId: w.tenants.acme.id, taskId: task.id, outcome: 'failed' })).status).toBe(409);
    const [sub] = await w.db.select().from(subscriptions).where(eq(subscriptions.orderId, orderId));
    expect(sub!.externalId).toBe('VEEAM-123');
    const [done] = await w.db.select().from(orders).where(eq(orders.id, orderId));
    expect(done!.state).toBe('completed');
    // Set up by a person, announced as any other: the customer hears that it is ready.
    const mails = await waitFor(
      () => w.db.select().from(mailOutbox).where(and(eq(mailOutbox.tenantId, w.tenants.acme.id), eq(mailOutbox.to, 'anna@contoso.test'))),
      (m) => m.some((x) => x.subject.endsWith('is ready') && x.text.includes(`from your order ${done!.number} is set up`)),
    );
    expect(mails.some((x) => x.subject.endsWith('is ready') && x.text.includes(`from your order ${done!.number} is set up`))).toBe(true);
  });

  it('a failed manual task fails the line and the order', async () => {
    const orderId = await orderManual();
    const task = await taskOf(orderId);
    const nora = await w.cookieFor(w.tenants.northwind, 'admin@northwind.test');
    const { POST } = await import('@/app/api/admin/tasks/route');
    const response = await POST(w.request(w.tenants.northwind, '/api/admin/tasks', { cookie: nora, body: { tenantId: w.tenants.acme.id, taskId: task.id, outcome: 'failed', note: 'vendor out of licences' } }));
    expect(response.status).toBe(200);
    const [line] = await w.db.select().from(orderLines).where(eq(orderLines.orderId, orderId));
    expect(line!.state).toBe('failed');
    expect(line!.failure).toBe('vendor out of licences');
    const [order] = await w.db.select().from(orders).where(eq(orders.id, orderId));
    expect(order!.state).toBe('failed');
    // The order was invoiced on account; the line that never arrived is credited in full.
    const [invoice] = await w.db.select().from(invoices).where(and(eq(invoices.orderId, orderId), eq(invoices.kind, 'invoice')));
    const [note] = await w.db.select().from(invoices).where(and(eq(invoices.orderId, orderId), eq(invoices.kind, 'credit_note')));
    expect(invoice!.total).toBe(order!.total);
    expect(note).toMatchObject({ status: 'issued', subtotal: line!.amount, total: invoice!.total });
  });

  it('a reseller admin sets a customer’s credit and the storefront’s tax rates; bad input changes nothing', async () => {
    const ada = await w.cookieFor(w.tenants.acme, 'admin@acme.test');
    const fabrikam = await w.orgId(w.tenants.acme, 'Fabrikam Inc');
    const { POST: credit } = await import('@/app/api/admin/customers/route');
    expect((await credit(w.request(w.tenants.acme, '/api/admin/customers', { cookie: ada, body: { organizationId: fabrikam, onAccount: 'on', creditLimit: '1250.50' } }))).status).toBe(200);
    expect((await w.db.select().from(organizations).where(eq(organizations.id, fabrikam)))[0]!.creditLimit).toBe(125_050);
    expect((await credit(w.request(w.tenants.acme, '/api/admin/customers', { cookie: ada, body: { organizationId: fabrikam, onAccount: 'on', creditLimit: '12.345' } }))).status).toBe(422);
    expect((await w.db.select().from(organizations).where(eq(organizations.id, fabrikam)))[0]!.creditLimit).toBe(125_050);
    // Another storefront's customer: not found.
    const gerd = await w.cookieFor(w.tenants.globex, 'admin@globex.test');
    expect((await credit(w.request(w.tenants.globex, '/api/admin/customers', { cookie: gerd, body: { organizationId: fabrikam, onAccount: 'on', creditLimit: '999999' } }))).status).toBe(404);
    // A customer admin is not the store's admin.
    const anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
    expect((await credit(w.request(w.tenants.acme, '/api/admin/customers', { cookie: anna, body: { organizationId: fabrikam, onAccount: 'on', creditLimit: '999999' } }))).status).toBe(403);

    const { POST: commerce } = await import('@/app/api/admin/commerce/route');
    expect((await commerce(w.request(w.tenants.acme, '/api/admin/commerce', { cookie: ada, body: { taxRates: 'US=8, DE=19, AT=20.5', stripeAccountId: 'acct_1DemoAcme0000000' } }))).status).toBe(200);
    expect((await w.db.select().from(tenants).where(eq(tenants.id, w.tenants.acme.id)))[0]!.taxRates).toEqual({ US: 800, DE: 1900, AT: 2050 });
    expect((await commerce(w.request(w.tenants.acme, '/api/admin/commerce', { cookie: ada, body: { taxRates: 'Germany nineteen', stripeAccountId: '' } }))).status).toBe(422);
    // Globex may not take over Acme's Stripe account.
    expect((await commerce(w.request(w.tenants.globex, '/api/admin/commerce', { cookie: gerd, body: { taxRates: '', stripeAccountId: 'acct_1DemoAcme0000000' } }))).status).toBe(409);
    expect((await w.db.select().from(tenants).where(and(eq(tenants.id, w.tenants.globex.id))))[0]!.stripeAccountId).toBeNull();
  });

  it('tax rates are read as country=percent pairs into basis points', () => {
    expect(parseTaxRates('de=19; FR: 20 %, at=20.5')).toEqual({ DE: 1900, FR: 2000, AT: 2050 });
    expect(parseTaxRates('')).toEqual({});
    expect(parseTaxRates('DE=190')).toBeNull();
    expect(parseTaxRates('DEU=19')).toBeNull();
    // Not a country: the United Kingdom is GB, and a customer picks GB from the list.
    expect(parseTaxRates('DE=19, UK=20')).toBeNull();
    expect(parseTaxRates('gb=20')).toEqual({ GB: 2000 });
  });
});
