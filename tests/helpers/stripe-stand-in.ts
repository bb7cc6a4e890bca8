import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * A local HTTP server answering as Stripe's API for the calls the app makes (create, retrieve and
 * list Checkout Sessions on a connected account), plus a minimal hosted payment page. Tests point
 * the app at it with STRIPE_API_BASE; the app's own Stripe SDK does the talking.
 */
export interface StandInSession {
  id: string;
  object: 'checkout.session';
  account: string;
  url: string;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  success_url: string;
  cancel_url: string;
  created: number;
  customer_email: string | null;
  /** Set when paid: the customer and payment the card was saved with (setup_future_usage). */
  customer: string | null;
  payment_intent: string | null;
}

export interface StandInIntent {
  id: string;
  object: 'payment_intent';
  account: string;
  status: 'succeeded' | 'requires_payment_method';
  amount: number;
  currency: string;
  customer: string | null;
  payment_method: string | null;
  metadata: Record<string, string>;
}

export interface StandInAccount {
  id: string;
  object: 'account';
  type: 'standard';
  email: string | null;
  charges_enabled: boolean;
  details_submitted: boolean;
  metadata: Record<string, string>;
}

export interface StripeStandIn {
  url: string;
  /** Connected accounts made through Connect onboarding; `finishOnboarding` lets one take charges. */
  accounts: Map<string, StandInAccount>;
  finishOnboarding(id: string): StandInAccount;
  port: number;
  sessions: Map<string, StandInSession>;
  intents: Map<string, StandInIntent>;
  refunds: Map<string, { id: string; account: string; payment_intent: string; amount: number; idempotencyKey: string | null }>;
  /** Makes the next `n` off-session charges fail as a declined card would. */
  declineNext(n: number): void;
  /** Requests seen, for asserting what the app asked Stripe for. */
  calls: { method: string; path: string; account: string | null; idempotencyKey: string | null; body: Record<string, string> }[];
  pay(id: string): StandInSession;
  expire(id: string): StandInSession;
  /** Makes the next `n` create calls fail with a 500, as an outage would. */
  failNext(n: number): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

export async function startStripeStandIn(port = 0): Promise<StripeStandIn> {
  const sessions = new Map<string, StandInSession>();
  const intents = new Map<string, StandInIntent>();
  const intentByKey = new Map<string, { status: number; body: unknown }>();
  const refunds: StripeStandIn['refunds'] = new Map();
  const accounts = new Map<string, StandInAccount>();
  const accountByKey = new Map<string, StandInAccount>();
  let declines = 0;
  /** A paid session saves its card: a customer and a succeeded payment with a payment method. */
  const settle = (session: StandInSession) => {
    session.status = 'complete';
    session.payment_status = 'paid';
    if (session.payment_intent) return;
    const intent: StandInIntent = {
      id: `pi_${randomBytes(12).toString('hex')}`,
      object: 'payment_intent',
      account: session.account,
      status: 'succeeded',
      amount: session.amount_total,
      currency: session.currency,
      customer: `cus_${randomBytes(8).toString('hex')}`,
      payment_method: `pm_${randomBytes(8).toString('hex')}`,
      metadata: {},
    };
    intents.set(intent.id, intent);
    session.customer = intent.customer;
    session.payment_intent = intent.id;
  };
  const byKey = new Map<string, string>();
  const calls: StripeStandIn['calls'] = [];
  let failures = 0;
  let base = '';

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const raw = await readBody(req);
    const body = Object.fromEntries(new URLSearchParams(raw));
    const account = (req.headers['stripe-account'] as string | undefined) ?? null;
    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
    calls.push({ method: req.method ?? 'GET', path: url.pathname, account, idempotencyKey, body });
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}` });
      res.end(JSON.stringify(value));
    };
    if (url.pathname.startsWith('/v1/') && req.headers.authorization !== 'Bearer sk_test_standin0000000000000000') {
      return json(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    }
    if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      if (failures > 0) {
        failures--;
        return json(500, { error: { type: 'api_error', message: 'stand-in outage' } });
      }
      if (idempotencyKey && byKey.has(idempotencyKey)) return json(200, sessions.get(byKey.get(idempotencyKey)!));
      if (!account) return json(400, { error: { type: 'invalid_request_error', message: 'direct charges need Stripe-Account' } });
      let total = 0;
      for (let i = 0; body[`line_items[${i}][quantity]`] !== undefined; i++) {
        total += Number(body[`line_items[${i}][quantity]`]) * Number(body[`line_items[${i}][price_data][unit_amount]`]);
      }
      const id = `cs_test_${randomBytes(12).toString('hex')}`;
      const metadata: Record<string, string> = {};
      for (const [k, v] of Object.entries(body)) {
        const m = /^metadata\[(.+)\]$/.exec(k);
        if (m) metadata[m[1]!] = v;
      }
      const session: StandInSession = {
        id,
        object: 'checkout.session',
        account,
        url: `${base}/pay/${id}`,
        status: 'open',
        payment_status: 'unpaid',
        amount_total: total,
        currency: body['line_items[0][price_data][currency]'] ?? 'usd',
        client_reference_id: body.client_reference_id ?? null,
        metadata,
        success_url: body.success_url ?? '',
        cancel_url: body.cancel_url ?? '',
        created: Math.floor(Date.now() / 1000),
        customer_email: body.customer_email ?? null,
        customer: null,
        payment_intent: null,
      };
      sessions.set(id, session);
      if (idempotencyKey) byKey.set(idempotencyKey, id);
      return json(200, session);
    }
    const one = /^\/v1\/checkout\/sessions\/(cs_[A-Za-z0-9_]+)$/.exec(url.pathname);
    if (req.method === 'GET' && one) {
      const session = sessions.get(one[1]!);
      if (!session || session.account !== account) return json(404, { error: { type: 'invalid_request_error', message: 'No such checkout.session' } });
      const expand = [...url.searchParams.entries()].filter(([k]) => k.startsWith('expand')).map(([, v]) => v);
      if (expand.includes('payment_intent') && session.payment_intent) return json(200, { ...session, payment_intent: intents.get(session.payment_intent) });
      return json(200, session);
    }
    if (req.method === 'POST' && url.pathname === '/v1/refunds') {
      const existing = [...refunds.values()].find((r) => idempotencyKey && r.idempotencyKey === idempotencyKey);
      if (existing) return json(200, { object: 'refund', status: 'succeeded', ...existing });
      const intent = intents.get(body.payment_intent ?? '');
      if (!intent || intent.account !== account) return json(400, { error: { type: 'invalid_request_error', message: 'No such payment_intent' } });
      const refunded = [...refunds.values()].filter((r) => r.payment_intent === intent.id).reduce((n, r) => n + r.amount, 0);
      const amount = Number(body.amount ?? intent.amount - refunded);
      if (amount > intent.amount - refunded) return json(400, { error: { type: 'invalid_request_error', message: 'Refund amount is greater than the unrefunded amount' } });
      const refund = { id: `re_${randomBytes(12).toString('hex')}`, account: account!, payment_intent: intent.id, amount, idempotencyKey };
      refunds.set(refund.id, refund);
      return json(200, { object: 'refund', status: 'succeeded', ...refund });
    }
    if (req.method === 'POST' && url.pathname === '/v1/payment_intents') {
      // As Stripe: the same idempotency key gets the same answer, a failure included.
      if (idempotencyKey && intentByKey.has(idempotencyKey)) {
        const replay = intentByKey.get(idempotencyKey)!;
        return json(replay.status, replay.body);
      }
      const saved = [...intents.values()].find((i) => i.account === account && i.customer === body.customer && i.payment_method === body.payment_method);
      let answer: { status: number; body: unknown };
      if (!saved) answer = { status: 400, body: { error: { type: 'invalid_request_error', message: 'No such PaymentMethod for this customer' } } };
      else if (declines > 0) {
        declines--;
        answer = { status: 402, body: { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } } };
      } else {
        const metadata: Record<string, string> = {};
        for (const [k, v] of Object.entries(body)) {
          const m = /^metadata\[(.+)\]$/.exec(k);
          if (m) metadata[m[1]!] = v;
        }
        const intent: StandInIntent = { id: `pi_${randomBytes(12).toString('hex')}`, object: 'payment_intent', account: account!, status: 'succeeded', amount: Number(body.amount), currency: body.currency ?? 'usd', customer: body.customer ?? null, payment_method: body.payment_method ?? null, metadata };
        intents.set(intent.id, intent);
        answer = { status: 200, body: intent };
      }
      if (idempotencyKey) intentByKey.set(idempotencyKey, answer);
      return json(answer.status, answer.body);
    }
    if (req.method === 'POST' && url.pathname === '/v1/accounts') {
      const again = idempotencyKey ? accountByKey.get(idempotencyKey) : undefined;
      if (again) return json(200, again);
      const metadata = Object.fromEntries(Object.entries(body).filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v]));
      const created: StandInAccount = { id: `acct_${randomBytes(8).toString('hex')}`, object: 'account', type: 'standard', email: body.email ?? null, charges_enabled: false, details_submitted: false, metadata };
      accounts.set(created.id, created);
      if (idempotencyKey) accountByKey.set(idempotencyKey, created);
      return json(200, created);
    }
    const oneAccount = /^\/v1\/accounts\/(acct_[A-Za-z0-9]+)$/.exec(url.pathname);
    if (req.method === 'GET' && oneAccount) {
      const found = accounts.get(oneAccount[1]!);
      return found ? json(200, found) : json(404, { error: { type: 'invalid_request_error', message: `No such account: '${oneAccount[1]}'` } });
    }
    if (req.method === 'POST' && url.pathname === '/v1/account_links') {
      if (!body.account || !accounts.has(body.account)) return json(400, { error: { type: 'invalid_request_error', message: 'No such account' } });
      return json(200, { object: 'account_link', url: `${base}/onboarding/${body.account}?return=${encodeURIComponent(body.return_url ?? '')}`, expires_at: Math.floor(Date.now() / 1000) + 300 });
    }
    if (req.method === 'GET' && url.pathname === '/v1/checkout/sessions') {
      const since = Number(url.searchParams.get('created[gte]') ?? 0);
      return json(200, { object: 'list', has_more: false, data: [...sessions.values()].filter((s) => s.account === account && s.created >= since) });
    }
    // For tests in other processes (the end-to-end tests): read a session, mark it paid.
    const control = /^\/__stand-in\/sessions\/(cs_[A-Za-z0-9_]+)(\/pay)?$/.exec(url.pathname);
    if (control) {
      const session = sessions.get(control[1]!);
      if (!session) return json(404, {});
      if (req.method === 'POST' && control[2]) settle(session);
      return json(200, session);
    }
    const page = /^\/pay\/(cs_[A-Za-z0-9_]+)$/.exec(url.pathname);
    if (page) {
      const session = sessions.get(page[1]!);
      if (!session) return json(404, {});
      if (req.method === 'POST') {
        settle(session);
        res.writeHead(303, { location: session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id) });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><title>Stripe stand-in</title><h1>Pay ${(session.amount_total / 100).toFixed(2)} ${session.currency.toUpperCase()}</h1><p data-testid="stand-in-amount">${session.amount_total}</p><form method="post"><button>Pay</button></form>`);
    }
    json(404, { error: { type: 'invalid_request_error', message: `stand-in does not know ${req.method} ${url.pathname}` } });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as { port: number }).port;
  base = `http://127.0.0.1:${actual}`;
  const mark = (id: string, fn: (s: StandInSession) => void) => {
    const s = sessions.get(id);
    if (!s) throw new Error(`no session ${id}`);
    fn(s);
    return s;
  };
  return {
    url: base,
    port: actual,
    accounts,
    finishOnboarding: (id) => {
      const found = accounts.get(id);
      if (!found) throw new Error(`no account ${id}`);
      found.charges_enabled = true;
      found.details_submitted = true;
      return found;
    },
    sessions,
    intents,
    refunds,
    calls,
    pay: (id) => mark(id, settle),
    declineNext: (n) => { declines = n; },
    expire: (id) => mark(id, (s) => { s.status = 'expired'; }),
    failNext: (n) => { failures = n; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export const STAND_IN_KEY = 'sk_test_standin0000000000000000';
export const STAND_IN_WEBHOOK_SECRET = 'whsec_standin_0123456789abcdefghijklmnop';

const STRIPE_ENV = ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE'] as const;

/** Points the app's Stripe SDK at the stand-in (call resetSettings() after). */
export function useStandIn(standIn: StripeStandIn): void {
  Object.assign(process.env, { STRIPE_SECRET_KEY: STAND_IN_KEY, STRIPE_WEBHOOK_SECRET: STAND_IN_WEBHOOK_SECRET, STRIPE_API_BASE: standIn.url });
}

export function forgetStandIn(): void {
  for (const key of STRIPE_ENV) delete process.env[key];
}
