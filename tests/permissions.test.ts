import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { invitations, invoices, memberships, orderLines, orders, organizations, plans, sessions, subscriptions, users, verificationTokens } from '@/lib/db/schema';
import { provisionLine } from '@/lib/orders/provision';
import { demoConnector } from '@/lib/provisioning/demo';
import { manualConnector } from '@/lib/provisioning/manual';
import { httpConnector } from '@/lib/provisioning/http';
import { storefrontConnector } from '@/lib/reselling/connector';
import { createWorld, type World } from './helpers/world';
import { driverName } from './helpers/db';

/** People who call the entry points on Acme's storefront; `foreign` holds a Globex session. */
const PEOPLE = {
  anonymous: null,
  foreign: ['globex', 'ida@initrode.test'],
  distributor_admin: ['northwind', 'admin@northwind.test'],
  visitor: ['acme', 'visitor@example.test'],
  customer_member: ['acme', 'ben@contoso.test'],
  customer_admin: ['acme', 'anna@contoso.test'],
  other_customer_admin: ['acme', 'fay@fabrikam.test'],
  reseller_staff: ['acme', 'staff@acme.test'],
  reseller_admin: ['acme', 'admin@acme.test'],
} as const;
type Person = keyof typeof PEOPLE;

type Handler = (request: Request) => Promise<Response>;
interface EntryPoint {
  path: string;
  load: () => Promise<{ POST: Handler }>;
  body: (w: World) => Promise<object> | object;
  /** The status each person gets; 200 (or 303 for sign-out) means the action was carried out. */
  expected: Record<Person, number>;
  /** Whether an allowed call changes what the next person is tested against. */
  isolate?: boolean;
  /** What the action changes, read back from the database (as the owner) before and after. */
  observe: (w: World, email: string | null) => Promise<unknown>;
}

const total = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
const invitesFor = (w: World, email: string) => total(w.db.select({ n: count() }).from(invitations).where(eq(invitations.email, email)));
const membershipOfPerson = async (w: World, email: string) =>
  total(
    w.db
      .select({ n: count() })
      .from(memberships)
      .innerJoin(users, and(eq(users.tenantId, memberships.tenantId), eq(users.id, memberships.userId)))
      .where(and(eq(memberships.tenantId, w.tenants.acme.id), eq(users.email, email))),
  );

const contoso = (w: World) => w.orgId(w.tenants.acme, 'Contoso Ltd');

const signedOut = { anonymous: 401, foreign: 401, distributor_admin: 401 } as const;

const queues = new WeakMap<World, Promise<unknown>>();
/** The world's job queue, opened once (no workers: the matrix sets things up by hand). */
function jobsOf(w: World): Promise<unknown> {
  if (!queues.has(w)) queues.set(w, w.startJobs({ workers: false }));
  return queues.get(w)!;
}

const pending = new WeakMap<World, Promise<string>>();
/** An order of Contoso's on account that nothing has set up yet (no worker runs): one per world. */
function contosoPendingOrder(w: World): Promise<string> {
  if (!pending.has(w)) {
    pending.set(w, (async () => {
      await jobsOf(w);
      const anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
      const [plan] = await w.db.select().from(plans).where(eq(plans.sku, 'MS-M365-BASIC-M'));
      await (await import('@/app/api/cart/route')).POST(w.request(w.tenants.acme, '/api/cart', { cookie: anna, body: { planId: plan!.id, seats: 2 } }));
      const placed = await (await import('@/app/api/checkout/route')).POST(
        w.request(w.tenants.acme, '/api/checkout', { cookie: anna, body: { organizationId: await contoso(w), paymentMethod: 'on_account', idempotencyKey: randomBytes(12).toString('hex'), locale: 'en' } }),
      );
      return ((await placed.json()) as { data: { orderId: string } }).data.orderId;
    })());
  }
  return pending.get(w)!;
}

const bought = new WeakMap<World, Promise<string>>();
/**
 * Contoso's subscription, once per world: 5 seats of Acronis bought on account by its admin and
 * provisioned by the demo vendor, as the provisioning job would (the matrix runs no workers).
 */
function contosoSubscription(w: World): Promise<string> {
  let id = bought.get(w);
  if (!id) {
    id = (async () => {
      await jobsOf(w);
      const anna = await w.cookieFor(w.tenants.acme, 'anna@contoso.test');
      const [plan] = await w.db.select().from(plans).where(eq(plans.sku, 'AC-CPC-STD-M'));
      await (await import('@/app/api/cart/route')).POST(w.request(w.tenants.acme, '/api/cart', { cookie: anna, body: { planId: plan!.id, seats: 5 } }));
      const placed = await (await import('@/app/api/checkout/route')).POST(
        w.request(w.tenants.acme, '/api/checkout', { cookie: anna, body: { organizationId: await contoso(w), paymentMethod: 'on_account', idempotencyKey: randomBytes(12).toString('hex'), locale: 'en' } }),
      );
      const answer = (await placed.json()) as { data?: { orderId: string } };
      expect(placed.status, JSON.stringify(answer)).toBe(200);
      const orderId = answer.data!.orderId;
      const [line] = await w.db.select().from(orderLines).where(eq(orderLines.orderId, orderId));
      const connectors = { demo: demoConnector({ delayMs: 0, failureRate: 0 }), http: httpConnector({ secret: 'test-secret-test-secret-test-secret' }), manual: manualConnector(), storefront: storefrontConnector({ db: w.db }) };
      expect(await provisionLine(w.db, { tenantId: w.tenants.acme.id, orderId, lineId: line!.id }, connectors, () => new Date())).toBe('provisioned');
      return (await w.db.select().from(subscriptions).where(eq(subscriptions.orderLineId, line!.id)))[0]!.id;
    })();
    bought.set(w, id);
  }
  return id;
}
/** The invoice of the order that bought Contoso's subscription (on account, still open). */
const contosoInvoice = async (w: World) => {
  const [sub] = await w.db.select().from(subscriptions).where(eq(subscriptions.id, await contosoSubscription(w)));
  return (await w.db.select().from(invoices).where(and(eq(invoices.orderId, sub!.orderId!), eq(invoices.kind, 'invoice'))))[0]!.id;
};
const subscriptionRow = async (w: World) => (await w.db.select().from(subscriptions).where(eq(subscriptions.id, await contosoSubscription(w))))[0]!;
// The reseller's back office acting for the customer: its admins and staff, nobody of the customer's.
const backOffice = { ...signedOut, visitor: 403, customer_member: 403, customer_admin: 403, other_customer_admin: 403, reseller_staff: 200, reseller_admin: 200 } as const;
const reason = 'Asked for on the phone';
const orgFields = { name: 'Matrix Org', country: 'US', billingEmail: 'billing@matrix.test', street: '1 Matrix Road', postalCode: '10001', city: 'New York', currency: 'USD' };

const ENTRY_POINTS: EntryPoint[] = [
  {
    path: '/api/signin',
    observe: (w) => total(w.db.select({ n: count() }).from(verificationTokens).where(eq(verificationTokens.identifier, 'someone@example.test'))),
    load: () => import('@/app/api/signin/route'),
    body: () => ({ email: 'someone@example.test' }),
    expected: { anonymous: 200, foreign: 200, distributor_admin: 200, visitor: 200, customer_member: 200, customer_admin: 200, other_customer_admin: 200, reseller_staff: 200, reseller_admin: 200 },
  },
  {
    path: '/api/signout',
    observe: async (w, email) => (email ? total(w.db.select({ n: count() }).from(sessions).innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId))).where(eq(users.email, email))) : 0),
    isolate: true,
    load: () => import('@/app/api/signout/route'),
    body: () => ({}),
    expected: { ...signedOut, visitor: 303, customer_member: 303, customer_admin: 303, other_customer_admin: 303, reseller_staff: 303, reseller_admin: 303 },
  },
  {
    path: '/api/account/profile',
    observe: async (w, email) => (email ? (await w.db.select({ name: users.name }).from(users).where(and(eq(users.tenantId, w.tenants.acme.id), eq(users.email, email))))[0]?.name ?? null : null),
    load: () => import('@/app/api/account/profile/route'),
    body: () => ({ name: 'Renamed' }),
    expected: { ...signedOut, visitor: 200, customer_member: 200, customer_admin: 200, other_customer_admin: 200, reseller_staff: 200, reseller_admin: 200 },
  },
  {
    path: '/api/account/organizations',
    observe: (w) => total(w.db.select({ n: count() }).from(organizations).where(eq(organizations.name, 'Matrix Org'))),
    isolate: true,
    load: () => import('@/app/api/account/organizations/route'),
    body: () => orgFields,
    expected: { ...signedOut, visitor: 200, customer_member: 403, customer_admin: 403, other_customer_admin: 403, reseller_staff: 200, reseller_admin: 200 },
  },
  {
    path: '/api/account/organizations/update',
    observe: (w) => w.db.select().from(organizations).where(eq(organizations.tenantId, w.tenants.acme.id)).orderBy(organizations.id),
    isolate: true,
    load: () => import('@/app/api/account/organizations/update/route'),
    body: async (w) => ({ ...orgFields, taxId: '', organizationId: await contoso(w) }),
    expected: { ...signedOut, visitor: 404, customer_member: 404, customer_admin: 200, other_customer_admin: 404, reseller_staff: 404, reseller_admin: 404 },
  },
  {
    path: '/api/account/organizations/invite',
    observe: (w) => invitesFor(w, 'new.colleague@contoso.test'),
    isolate: true,
    load: () => import('@/app/api/account/organizations/invite/route'),
    body: async (w) => ({ organizationId: await contoso(w), email: 'new.colleague@contoso.test', role: 'customer_member' }),
    expected: { ...signedOut, visitor: 404, customer_member: 404, customer_admin: 200, other_customer_admin: 404, reseller_staff: 404, reseller_admin: 404 },
  },
  {
    path: '/api/account/organizations/remove',
    observe: (w) => membershipOfPerson(w, 'ben@contoso.test'),
    isolate: true,
    load: () => import('@/app/api/account/organizations/remove/route'),
    // Ben's own membership: his admin may remove him, and he may leave.
    body: async (w) => ({ organizationId: await contoso(w), membershipId: await w.membershipOf(w.tenants.acme, 'ben@contoso.test') }),
    expected: { ...signedOut, visitor: 404, customer_member: 200, customer_admin: 200, other_customer_admin: 404, reseller_staff: 404, reseller_admin: 404 },
  },
  {
    path: '/api/admin/staff/invite',
    observe: (w) => invitesFor(w, 'new.staff@acme.test'),
    isolate: true,
    load: () => import('@/app/api/admin/staff/invite/route'),
    body: () => ({ email: 'new.staff@acme.test', role: 'reseller_staff' }),
    expected: { ...signedOut, visitor: 403, customer_member: 403, customer_admin: 403, other_customer_admin: 403, reseller_staff: 403, reseller_admin: 200 },
  },
  {
    path: '/api/admin/staff/remove',
    observe: (w) => membershipOfPerson(w, 'staff@acme.test'),
    isolate: true,
    load: () => import('@/app/api/admin/staff/remove/route'),
    // Sam's staff membership: the admin may remove him, and he may leave.
    body: async (w) => ({ membershipId: await w.membershipOf(w.tenants.acme, 'staff@acme.test') }),
    expected: { ...signedOut, visitor: 403, customer_member: 403, customer_admin: 403, other_customer_admin: 403, reseller_staff: 200, reseller_admin: 200 },
  },
  {
    path: '/api/admin/subscriptions/auto-renew',
    observe: async (w) => (await subscriptionRow(w)).autoRenew,
    isolate: true,
    load: () => import('@/app/api/admin/subscriptions/auto-renew/route'),
    body: async (w) => ({ subscriptionId: await contosoSubscription(w), autoRenew: 'off', reason, locale: 'en' }),
    expected: backOffice,
  },
  {
    path: '/api/admin/subscriptions/suspend',
    observe: async (w) => (await subscriptionRow(w)).status,
    isolate: true,
    load: () => import('@/app/api/admin/subscriptions/suspend/route'),
    body: async (w) => ({ subscriptionId: await contosoSubscription(w), reason, locale: 'en' }),
    expected: backOffice,
  },
  {
    path: '/api/admin/subscriptions/cancel',
    observe: async (w) => { const s = await subscriptionRow(w); return [s.status, s.cancelAtPeriodEnd]; },
    isolate: true,
    load: () => import('@/app/api/admin/subscriptions/cancel/route'),
    body: async (w) => ({ subscriptionId: await contosoSubscription(w), reason, locale: 'en' }),
    expected: backOffice,
  },
  {
    path: '/api/admin/invoices/credit',
    observe: async (w) => total(w.db.select({ n: count() }).from(invoices).where(eq(invoices.creditsInvoiceId, await contosoInvoice(w)))),
    isolate: true,
    load: () => import('@/app/api/admin/invoices/credit/route'),
    body: async (w) => ({ invoiceId: await contosoInvoice(w), amount: '1.00', reason, idempotencyKey: 'matrix-credit-0123456789', locale: 'en' }),
    expected: backOffice,
  },
  {
    path: '/api/admin/orders/cancel',
    observe: async (w) => (await w.db.select({ state: orders.state }).from(orders).where(eq(orders.id, await contosoPendingOrder(w))))[0]!.state,
    isolate: true,
    load: () => import('@/app/api/admin/orders/cancel/route'),
    body: async (w) => ({ orderId: await contosoPendingOrder(w), reason, locale: 'en' }),
    expected: backOffice,
  },
];

/**
 * Calls the entry point as the person and checks the effect in the database: an allowed call
 * changed what it is about; a refused one left it exactly as it was.
 */
async function call(w: World, entry: EntryPoint, person: Person, headers: Record<string, string> = {}): Promise<number> {
  w.install();
  const who = PEOPLE[person];
  const cookie = who ? await w.cookieFor(w.tenants[who[0]], who[1]) : undefined;
  const email = who ? who[1] : null;
  const before = await entry.observe(w, email);
  const { POST } = await entry.load();
  const response = await POST(w.request(w.tenants.acme, entry.path, { cookie, body: await entry.body(w), headers }));
  const after = await entry.observe(w, email);
  if (response.status < 400) expect(after, `${person} was allowed, so ${entry.path} must change something`).not.toEqual(before);
  else expect(after, `${person} was refused, so nothing may change`).toEqual(before);
  return response.status;
}

describe(`permission matrix on Acme's storefront (${driverName})`, () => {
  // Refusals change nothing, so they share one world; an allowed call that changes memberships
  // or sessions gets a fresh one, so no action (removing Ben, say) affects the next person's test.
  let shared: World;
  beforeAll(async () => {
    shared = await createWorld();
  });
  afterAll(async () => shared?.drop());

  for (const entry of ENTRY_POINTS) {
    for (const [person, status] of Object.entries(entry.expected) as [Person, number][]) {
      it(`${entry.path}: ${person} → ${status}`, async () => {
        if (status >= 400 || !entry.isolate) {
          expect(await call(shared, entry, person)).toBe(status);
          return;
        }
        const world = await createWorld();
        try {
          expect(await call(world, entry, person)).toBe(status);
        } finally {
          await world.drop();
        }
      });
    }
    // The same call by someone allowed, from a page of another origin: refused before anything runs.
    const allowed = (Object.entries(entry.expected) as [Person, number][]).find(([p, status]) => status < 400 && PEOPLE[p]?.[0] === 'acme')![0];
    for (const origin of ['http://globex.localhost:3000', 'null', 'https://evil.example']) {
      it(`${entry.path}: ${allowed} from ${origin} → 403`, async () => {
        expect(await call(shared, entry, allowed, { origin })).toBe(403);
      });
    }
  }
});

describe(`entry points refuse what the proxy did not vouch for (${driverName})`, () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
  });
  afterAll(async () => w?.drop());

  beforeEach(() => w.install());

  it('a forged tenant header without the proxy’s signature is not found', async () => {
    const { POST } = await import('@/app/api/account/profile/route');
    const request = w.request(w.tenants.acme, '/api/account/profile', { cookie: await w.cookieFor(w.tenants.acme, 'admin@acme.test'), body: { name: 'x' } });
    request.headers.set('x-channelfront-signature', 'forged');
    expect((await POST(request)).status).toBe(404);
  });

  it('a request carrying x-middleware-subrequest is refused', async () => {
    const { POST } = await import('@/app/api/account/profile/route');
    const request = w.request(w.tenants.acme, '/api/account/profile', {
      cookie: await w.cookieFor(w.tenants.acme, 'admin@acme.test'),
      body: { name: 'x' },
      headers: { 'x-middleware-subrequest': 'middleware' },
    });
    expect((await POST(request)).status).toBe(404);
  });

  it('invalid input is a 422 with the field named, and changes nothing', async () => {
    const { POST } = await import('@/app/api/account/organizations/route');
    const response = await POST(w.request(w.tenants.acme, '/api/account/organizations', {
      cookie: await w.cookieFor(w.tenants.acme, 'visitor@example.test'),
      body: { ...orgFields, country: 'Germany', currency: 'JPY' },
    }));
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toMatch(/country: choose a country from the list/);
  });

  it('the distributor admin manages the distributor’s staff; a reseller admin cannot', async () => {
    const { POST } = await import('@/app/api/admin/staff/invite/route');
    const body = { email: 'ops@northwind.test', role: 'distributor_admin' };
    const asDistributor = await POST(w.request(w.tenants.northwind, '/api/admin/staff/invite', { cookie: await w.cookieFor(w.tenants.northwind, 'admin@northwind.test'), body }));
    expect(asDistributor.status).toBe(200);
    const asReseller = await POST(w.request(w.tenants.northwind, '/api/admin/staff/invite', { cookie: await w.cookieFor(w.tenants.acme, 'admin@acme.test'), body }));
    expect(asReseller.status).toBe(401);
  });

  it('the last admin of an organisation cannot leave it', async () => {
    const { POST } = await import('@/app/api/account/organizations/remove/route');
    const fabrikam = await w.orgId(w.tenants.acme, 'Fabrikam Inc');
    const response = await POST(w.request(w.tenants.acme, '/api/account/organizations/remove', {
      cookie: await w.cookieFor(w.tenants.acme, 'fay@fabrikam.test'),
      body: { organizationId: fabrikam, membershipId: await w.membershipOf(w.tenants.acme, 'fay@fabrikam.test') },
    }));
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe('last_admin');
  });
});
