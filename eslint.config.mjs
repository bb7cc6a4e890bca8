import next from 'eslint-config-next';
import nextTs from 'eslint-config-next/typescript';

/**
 * The layers of docs/architecture.md, bottom first: a module may import its own layer and those
 * below, never one above. The named domain loops are the only exceptions.
 */
const LAYERS = [
  ['themes', 'lib/errors.ts', 'lib/clock.ts', 'lib/money.ts', 'lib/periods.ts', 'lib/input', 'lib/html'],
  ['lib/config'],
  ['lib/http', 'lib/db', 'lib/i18n'],
  ['lib/tenancy', 'lib/mail', 'lib/jobs'],
  ['lib/pricing', 'lib/identity', 'lib/catalog'],
  ['lib/payments'],
  ['lib/invoices'],
  ['lib/provisioning', 'lib/orders'],
  ['lib/subscriptions'],
  ['lib/reselling'],
  ['lib/content', 'lib/design', 'lib/domains', 'lib/seo', 'lib/reporting', 'lib/api', 'lib/frames'],
  ['lib/seed'],
  ['lib/middleware', 'lib/server'],
  ['app', 'proxy.ts', 'instrumentation.ts', 'scripts'],
];
/** Real domain loops, each named in docs/architecture.md: [lower, higher, the one module it may use]. */
const LOOPS = [
  // A checkout with resale lines or a storefront plan keeps the reseller's rules; activation places orders.
  ['lib/orders', 'lib/reselling', './checkout.ts'],
  // Provisioning an order creates subscriptions and records their first events; changes are orders.
  ['lib/orders', 'lib/subscriptions', './history.ts'],
];

const layerZones = LAYERS.flatMap((layer, level) =>
  layer.flatMap((target) => {
    const above = LAYERS.slice(level + 1).flat();
    const loops = LOOPS.filter(([lower]) => lower === target);
    const message = `${target} sits below these in docs/architecture.md: move what both need down a layer, or let the higher one register with it.`;
    return [
      { target, from: above.filter((from) => !loops.some(([, higher]) => higher === from)), message },
      ...loops.map(([, from, allowed]) => ({ target, from, except: [allowed], message })),
    ].filter((zone) => zone.from.length);
  }),
);

const config = [
  ...next,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Storefront links are plain <a>: pages are cached HTML and a full navigation to them is
      // cheap, while <Link> would put the client router's JavaScript on every page.
      '@next/next/no-html-link-for-pages': 'off',
      'import/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    // Pages and route handlers ask lib/ for what they show; they never write a query themselves.
    files: ['app/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'drizzle-orm', message: 'app/ does not query the database: put the query in lib/ beside its domain and call it.' }],
          patterns: [{ group: ['@/lib/db/schema', '@/lib/db/schema/*'], allowTypeImports: true, message: 'app/ does not query the database: tables belong to lib/; import their types only.' }],
        },
      ],
    },
  },
  { ignores: ['.next/**', '.next-*/**', 'node_modules/**', '.data/**', 'drizzle/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
];

export default config;
