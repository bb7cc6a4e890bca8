import { z } from 'zod';
import { DomainError } from '../errors';
import { normaliseHost } from '../input/host';

/**
 * Every setting the app reads, validated once. In production a missing or unsafe value stops the
 * server (instrumentation.ts) with one message listing each problem and its fix; in development
 * the zero-configuration defaults apply (embedded database, mail to the outbox).
 */
export interface Settings {
  production: boolean;
  platformDomain: string;
  publicScheme: 'http' | 'https' | null;
  publicPort: string | null;
  databaseUrl: string | null;
  /** The production operator's explicit choice of the embedded PGlite (one process only). */
  embeddedDatabase: boolean;
  databasePoolSize: number;
  /** Null in development when unset: a secret is generated under .data/ (lib/identity/secret.ts). */
  authSecret: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  /** How many proxies in front of the app append to X-Forwarded-For (0: use the socket address). */
  trustedProxyHops: number;
  signinLimitPerClient: number;
  /** Safety-net lifetime of cached data and pages, even when no invalidation arrives. */
  cacheTtlSeconds: number;
  /** What shared caches (CDN, nginx) may keep a public page: `s-maxage`. */
  sharedCacheSeconds: number;
  /** Largest request body a route accepts. */
  maxBodyBytes: number;
  tenantCacheTtlMs: number;
  /** DNS servers asked when verifying custom domains (`host` or `host:port`); empty: the system's. */
  dnsServers: string[];
  tenantCacheMaxEntries: number;
  /** The platform's (distributor's) Stripe key; card payments are off without it. */
  stripeSecretKey: string | null;
  stripeWebhookSecret: string | null;
  /** Where the Stripe SDK sends API calls: Stripe itself unless set (tests run a local stand-in). */
  stripeApiBase: URL | null;
  /** The EU's VIES REST API, asked whether an EU VAT number is registered; null: not asked (`VIES_URL=off`). */
  viesUrl: URL | null;
  /** How long a VIES check may take before the number is kept as unverified. */
  viesTimeoutMs: number;
  /** Whether this app server also runs the background workers (`npm run worker` runs only them). */
  jobsInProcess: boolean;
  /** How often the queue looks for jobs whose worker died (missed heartbeats), seconds. */
  jobSuperviseSeconds: number;
  /** Embedded PGlite only: the longest a transaction should wait for its turn before the request is refused with 503 (lib/db/admission.ts). */
  embeddedQueueMs: number;
  provisioningRetryLimit: number;
  provisioningRetryDelaySeconds: number;
  /** The simulated vendor of the `demo` connector. */
  demoProvisioningDelayMs: number;
  demoProvisioningFailureRate: number;
  /** Signs the `http` connector's requests to vendors (HMAC-SHA256); derived from AUTH_SECRET if unset. */
  provisioningSecret: string | null;
}

/** Settings that keep Channelfront from starting, every problem at once. */
export function settingsInvalid(problems: string[]): DomainError<'settings_invalid'> {
  return new DomainError('settings_invalid', `Channelfront cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`, { problems });
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const flag = z.enum(['1', 'true', 'yes', '0', 'false', 'no', '']).transform((v) => ['1', 'true', 'yes'].includes(v));

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  PLATFORM_DOMAIN: z.string().optional(),
  PUBLIC_SCHEME: z.enum(['http', 'https', '']).optional(),
  PUBLIC_PORT: z.string().regex(/^\d{0,5}$/, 'a port number such as 8443, or empty').optional(),
  DATABASE_URL: z.string().optional(),
  DATABASE_EMBEDDED: flag.optional(),
  DATABASE_POOL_SIZE: int(1, 500).optional(),
  AUTH_SECRET: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_TRANSPORT: z.enum(['smtp', 'outbox', '']).optional(),
  MAIL_FROM: z.string().optional(),
  TRUSTED_PROXY_HOPS: int(0, 10).optional(),
  SIGNIN_LIMIT_PER_CLIENT: int(1, 1_000_000).optional(),
  CACHE_TTL_SECONDS: int(5, 86_400).optional(),
  SHARED_CACHE_SECONDS: int(0, 3_600).optional(),
  MAX_BODY_BYTES: int(1_024, 50 * 1024 * 1024).optional(),
  TENANT_CACHE_TTL_MS: int(0, 3_600_000).optional(),
  DNS_SERVERS: z
    .string()
    .regex(/^\s*([0-9a-fA-F.:\[\]]+(\s*,\s*[0-9a-fA-F.:\[\]]+)*)?\s*$/, 'IP addresses (optionally with a port), comma separated, e.g. 1.1.1.1,8.8.8.8 or 127.0.0.1:5353')
    .optional(),
  TENANT_CACHE_MAX_ENTRIES: int(1, 10_000_000).optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_BASE: z.string().optional(),
  VIES_URL: z.string().optional(),
  VIES_TIMEOUT_MS: int(100, 30_000).optional(),
  JOBS_IN_PROCESS: flag.optional(),
  JOB_SUPERVISE_SECONDS: int(1, 3_600).optional(),
  EMBEDDED_QUEUE_MS: int(50, 60_000).optional(),
  PROVISIONING_RETRY_LIMIT: int(0, 50).optional(),
  PROVISIONING_RETRY_DELAY_SECONDS: int(0, 3_600).optional(),
  DEMO_PROVISIONING_DELAY_MS: int(0, 600_000).optional(),
  DEMO_PROVISIONING_FAILURE_RATE: z.coerce.number().min(0).max(1).optional(),
  PROVISIONING_SECRET: z.string().optional(),
});

const FIX: Record<string, string> = {
  PUBLIC_PORT: 'a port number such as 8443, or leave it unset',
  PUBLIC_SCHEME: '`http` or `https`',
  DATABASE_EMBEDDED: '`true` or `false`',
  MAIL_TRANSPORT: '`smtp` or `outbox`',
};

/** A secret an attacker would try first, or one without enough different characters to be random. */
export function weakSecret(secret: string): string | null {
  if (secret.length < 32) return 'is shorter than 32 characters';
  if (new Set(secret).size < 12) return 'repeats too few characters to be random';
  if (/(change.?me|secret|password|example|your.?secret)/i.test(secret)) return 'looks like a placeholder';
  return null;
}

/** Reads and checks the settings; throws settings_invalid listing every problem at once. */
export function parseSettings(env: Record<string, string | undefined>): Settings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw settingsInvalid(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0]);
        return `${name}="${env[name] ?? ''}" is not valid: ${FIX[name] ?? i.message}.`;
      }),
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];

  const platformDomain = normaliseHost(e.PLATFORM_DOMAIN || 'localhost');
  if (!platformDomain) problems.push(`PLATFORM_DOMAIN="${e.PLATFORM_DOMAIN}" is not a hostname: set it to your root domain, e.g. shops.example.com.`);

  const databaseUrl = e.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// (e.g. postgres://channelfront_app:…@db.example.com:5432/channelfront).');
  }
  const embeddedDatabase = !databaseUrl && (!production || e.DATABASE_EMBEDDED === true);
  if (production && !databaseUrl && !embeddedDatabase) {
    problems.push(
      'DATABASE_URL is not set: set it to your PostgreSQL server (postgres://user:password@host:5432/db), or set DATABASE_EMBEDDED=true to run the embedded single-process database on purpose.',
    );
  }

  const authSecret = e.AUTH_SECRET || null;
  if (authSecret) {
    const weak = weakSecret(authSecret);
    if (weak) problems.push(`AUTH_SECRET ${weak}: generate one with \`openssl rand -base64 32\`.`);
  } else if (production) {
    problems.push('AUTH_SECRET is not set: generate one with `openssl rand -base64 32` and keep it the same on every app server.');
  }

  const smtpUrl = e.SMTP_URL || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps:// (e.g. smtp://user:pass@mail.example.com:587).');
  if (e.MAIL_TRANSPORT === 'smtp' && !smtpUrl) problems.push('MAIL_TRANSPORT=smtp needs SMTP_URL (e.g. smtp://user:pass@mail.example.com:587).');
  if (production && !smtpUrl && e.MAIL_TRANSPORT !== 'outbox') {
    problems.push('SMTP_URL is not set: set it to your mail server (smtp://user:pass@mail.example.com:587), or set MAIL_TRANSPORT=outbox to keep mail in the database on purpose.');
  }

  const stripeSecretKey = e.STRIPE_SECRET_KEY || null;
  if (stripeSecretKey && !/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(stripeSecretKey)) {
    problems.push('STRIPE_SECRET_KEY does not look like a Stripe secret key (sk_live_… or sk_test_…): copy it from the Stripe dashboard, Developers → API keys.');
  }
  const stripeWebhookSecret = e.STRIPE_WEBHOOK_SECRET || null;
  if (stripeSecretKey && !stripeWebhookSecret) {
    problems.push('STRIPE_WEBHOOK_SECRET is not set: card payments cannot be confirmed without it. Add an endpoint for /api/webhooks/stripe (events from connected accounts) in Stripe and copy its signing secret (whsec_…).');
  }
  let stripeApiBase: URL | null = null;
  if (e.STRIPE_API_BASE) {
    try {
      stripeApiBase = new URL(e.STRIPE_API_BASE);
    } catch {
      problems.push(`STRIPE_API_BASE="${e.STRIPE_API_BASE}" is not a URL (leave it unset to use Stripe).`);
    }
  }
  let viesUrl: URL | null = null;
  if (e.VIES_URL !== 'off') {
    try {
      viesUrl = new URL(e.VIES_URL || 'https://ec.europa.eu/taxation_customs/vies/rest-api');
    } catch {
      problems.push(`VIES_URL="${e.VIES_URL}" is not a URL (leave it unset to ask the EU's VIES service, or set it to off).`);
    }
  }
  if (e.JOBS_IN_PROCESS === false && !databaseUrl) {
    problems.push('JOBS_IN_PROCESS=false needs DATABASE_URL: the embedded database belongs to one process, so that process runs the background jobs itself. Remove JOBS_IN_PROCESS, or use PostgreSQL and run `npm run worker`.');
  }
  const provisioningSecret = e.PROVISIONING_SECRET || null;
  if (provisioningSecret && weakSecret(provisioningSecret)) problems.push(`PROVISIONING_SECRET ${weakSecret(provisioningSecret)}: generate one with \`openssl rand -base64 32\`.`);

  if (problems.length) throw settingsInvalid(problems);
  return {
    stripeSecretKey,
    stripeWebhookSecret,
    stripeApiBase,
    viesUrl,
    viesTimeoutMs: e.VIES_TIMEOUT_MS ?? 4_000,
    jobsInProcess: e.JOBS_IN_PROCESS ?? true,
    jobSuperviseSeconds: e.JOB_SUPERVISE_SECONDS ?? 30,
    embeddedQueueMs: e.EMBEDDED_QUEUE_MS ?? 2_000,
    provisioningRetryLimit: e.PROVISIONING_RETRY_LIMIT ?? 3,
    provisioningRetryDelaySeconds: e.PROVISIONING_RETRY_DELAY_SECONDS ?? 5,
    demoProvisioningDelayMs: e.DEMO_PROVISIONING_DELAY_MS ?? 400,
    demoProvisioningFailureRate: e.DEMO_PROVISIONING_FAILURE_RATE ?? 0,
    provisioningSecret,
    production,
    platformDomain: platformDomain!,
    publicScheme: e.PUBLIC_SCHEME || null,
    publicPort: e.PUBLIC_PORT || null,
    databaseUrl,
    embeddedDatabase,
    databasePoolSize: e.DATABASE_POOL_SIZE ?? 10,
    authSecret,
    smtpUrl,
    mailFrom: e.MAIL_FROM || 'Channelfront <no-reply@channelfront.localhost>',
    trustedProxyHops: e.TRUSTED_PROXY_HOPS ?? 0,
    signinLimitPerClient: e.SIGNIN_LIMIT_PER_CLIENT ?? 30,
    cacheTtlSeconds: e.CACHE_TTL_SECONDS ?? 300,
    sharedCacheSeconds: e.SHARED_CACHE_SECONDS ?? 60,
    maxBodyBytes: e.MAX_BODY_BYTES ?? 256 * 1024,
    tenantCacheTtlMs: e.TENANT_CACHE_TTL_MS ?? 30_000,
    dnsServers: (e.DNS_SERVERS ?? '').split(',').map((v) => v.trim()).filter(Boolean),
    tenantCacheMaxEntries: e.TENANT_CACHE_MAX_ENTRIES ?? 10_000,
  };
}

let cached: Settings | undefined;

/** The process's settings, read once (tests can reset with `resetSettings`). */
export function settings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}

export function resetSettings(): void {
  cached = undefined;
}
