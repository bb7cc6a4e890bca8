import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { domains, tenants } from '../db/schema';
import { createApiKey } from '../api/keys';
import { seedDemoCatalog } from './catalog';
import { seedDemoPeople } from './people';

export const DEMO_ACME_API_KEY = 'cf_demo_acme_local_only';

type TenantSeed = Omit<typeof tenants.$inferInsert, 'id' | 'parentId' | 'kind'>;

const DISTRIBUTOR: TenantSeed = {
  slug: 'northwind',
  name: 'Northwind Distribution',
  plan: 'standard',
  defaultLocale: 'en',
  locales: ['en', 'de', 'fr'],
  defaultCurrency: 'EUR',
  currencies: ['EUR', 'USD', 'GBP'],
  theme: 'classic',
  taxRates: { DE: 1900, FR: 2000, GB: 2000 },
  legalAddress: 'Northwind Distribution B.V.\nKeizersgracht 100\n1015 CV Amsterdam\nNetherlands',
  country: 'NL',
  vatNumber: 'NL004495445B01',
  bankDetails: { accountHolder: 'Northwind Distribution B.V.', iban: 'NL91ABNA0417164300', bic: 'ABNANL2A', accountNumber: null, bankCode: null, bankName: 'ABN AMRO' },
};

export const DEMO_RESELLERS: (TenantSeed & { customDomains?: { hostname: string; verified: boolean }[] })[] = [
  {
    slug: 'acme',
    name: 'Acme Cloud Solutions',
    plan: 'standard',
    defaultLocale: 'en',
    locales: ['en', 'de'],
    defaultCurrency: 'USD',
    currencies: ['USD', 'EUR'],
    theme: 'bold',
    taxRates: { US: 800, DE: 1900 },
    // A demo connected account: card checkout shows once STRIPE_SECRET_KEY is set (README).
    stripeAccountId: 'acct_1DemoAcme0000000',
    stripeChargesEnabled: true,
    stripeDetailsSubmitted: true,
    contactEmail: 'hello@acme.test',
    legalAddress: 'Acme Cloud Solutions Inc.\n500 Market Street\nSan Francisco, CA 94105\nUnited States',
    country: 'US',
    // Its European customers pay in euros, to its account in Germany.
    bankDetails: { accountHolder: 'Acme Cloud Solutions Inc.', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', accountNumber: null, bankCode: null, bankName: 'Commerzbank' },
    customDomains: [{ hostname: 'shop.acme.test', verified: true }],
  },
  {
    slug: 'globex',
    name: 'Globex IT-Services',
    plan: 'free',
    defaultLocale: 'de',
    locales: ['de', 'fr', 'en'],
    defaultCurrency: 'EUR',
    currencies: ['EUR', 'GBP'],
    theme: 'studio',
    themeOverrides: { colorPrimary: '#4338ca' },
    taxRates: { DE: 1900, FR: 2000, GB: 2000 },
    legalAddress: 'Globex IT-Services GmbH\nFriedrichstraße 20\n10117 Berlin\nDeutschland',
    country: 'DE',
    vatNumber: 'DE136695976',
    bankDetails: { accountHolder: 'Globex IT-Services GmbH', iban: 'DE02120300000000202051', bic: 'BYLADEM1001', accountNumber: null, bankCode: null, bankName: 'Deutsche Kreditbank' },
    customDomains: [{ hostname: 'store.globex.test', verified: false }],
  },
  {
    slug: 'initech',
    name: 'Initech Systems',
    plan: 'basic',
    defaultLocale: 'en',
    locales: ['en'],
    defaultCurrency: 'GBP',
    currencies: ['GBP'],
    theme: 'classic',
  },
  {
    slug: 'umbrella',
    name: 'Umbrella Networks',
    plan: 'standard',
    status: 'suspended',
    defaultLocale: 'fr',
    locales: ['fr', 'en'],
    defaultCurrency: 'EUR',
    currencies: ['EUR'],
    theme: 'classic',
  },
];

/**
 * The demo distributor and resellers. Idempotent: a second run changes nothing, and edits made
 * through the app to existing demo tenants are kept (rows are only inserted when missing).
 */
export async function seedDemo(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(tenants).values({ ...DISTRIBUTOR, kind: 'distributor' }).onConflictDoNothing();
    const [distributor] = await tx.select({ id: tenants.id }).from(tenants).where(sql`${tenants.kind} = 'distributor'`);
    if (!distributor) throw new Error('seed: the distributor row is missing after insert');
    for (const { customDomains = [], ...reseller } of DEMO_RESELLERS) {
      await tx.insert(tenants).values({ ...reseller, kind: 'reseller', parentId: distributor.id, storefrontOpenedAt: reseller.plan === 'basic' ? null : new Date() }).onConflictDoNothing();
      const [row] = await tx.select({ id: tenants.id }).from(tenants).where(sql`${tenants.slug} = ${reseller.slug}`);
      if (!row) throw new Error(`seed: tenant ${reseller.slug} is missing after insert`);
      for (const domain of customDomains) {
        // An unverified demo domain carries the token its TXT record would need (docs/deployment.md).
        await tx.insert(domains).values({ tenantId: row.id, kind: 'custom', ...domain, token: domain.verified ? null : `cf-verify=demo-${reseller.slug}` }).onConflictDoNothing();
      }
    }
    await seedDemoCatalog(tx as unknown as Db, distributor.id);
    // A published demo key (README): only for the local demo data, never for a real tenant.
    const [acme] = await tx.select({ id: tenants.id }).from(tenants).where(sql`${tenants.slug} = 'acme'`);
    if (acme) await createApiKey(tx as unknown as Db, acme.id, 'Demo key (local only)', DEMO_ACME_API_KEY);
    await seedDemoPeople(tx as unknown as Db);
  });
}

const BENCH_THEMES = ['classic', 'bold', 'studio'] as const;
const BENCH_LOCALES = [['en', 'de'], ['de', 'fr'], ['fr', 'en']] as const;

/** Extra Free-plan resellers `bench-001…` so benchmarks can spread requests over many hosts. */
export async function seedBenchTenants(db: Db, count: number): Promise<string[]> {
  const [distributor] = await db.select({ id: tenants.id }).from(tenants).where(sql`${tenants.kind} = 'distributor'`);
  if (!distributor) throw new Error('seed the demo first: no distributor');
  const rows = Array.from({ length: count }, (_, i) => {
    const locales = BENCH_LOCALES[i % BENCH_LOCALES.length]!;
    return {
      slug: `bench-${String(i + 1).padStart(3, '0')}`,
      name: `Bench Reseller ${i + 1}`,
      kind: 'reseller' as const,
      parentId: distributor.id,
      plan: 'free' as const,
      storefrontOpenedAt: new Date(),
      theme: BENCH_THEMES[i % BENCH_THEMES.length]!,
      defaultLocale: locales[0],
      locales: [...locales],
      defaultCurrency: 'EUR',
      currencies: ['EUR'],
    };
  });
  if (rows.length) await db.insert(tenants).values(rows).onConflictDoNothing();
  return rows.map((r) => r.slug);
}
