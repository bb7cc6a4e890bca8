import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Bundled, PGlite fails on every page (`ERR_INVALID_ARG_TYPE … Received an instance of URL`).
  serverExternalPackages: ['@electric-sql/pglite', 'pdfkit'],
  poweredByHeader: false,
  // Rendered pages kept in memory, the least recently asked dropped first and rendered again when
  // next asked. Next's default of 50 MB held about a thousand product pages before they carried
  // their add-to-cart forms; the benchmark's 1,000 pages no longer fit in it. PAGE_CACHE_MB sets it.
  cacheMaxMemorySize: Number(process.env.PAGE_CACHE_MB ?? 128) * 1024 * 1024,
  // Next's own stale-while-revalidate allowance (a year by default) for pages it caches. Read when
  // the server starts; pages live for CACHE_TTL_SECONDS (lib/config/settings.ts), then refresh.
  expireTime: 2 * Number(process.env.CACHE_TTL_SECONDS || 300),
  async headers() {
    // Build assets skip the proxy, which sets the full set of security headers on everything else.
    return [{ source: '/_next/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] }];
  },
  experimental: {
    // forbidden(): the portal answers 403 to a signed-in person without a portal role.
    authInterrupts: true,
    // Rendered pages stay in each server's memory, not in the build folder as well: Next writes
    // its disk entries in place (truncate, then write), so a second server on the same folder
    // read a page while it was being written and sent 200 with an empty body. Several servers may
    // now share one build; each renders what it does not hold (nginx shares the pages in front).
    isrFlushToDisk: false,
  },
  // Tests and benchmarks build into their own folder so they never clobber a developer's `.next`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default withNextIntl(nextConfig);
