import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Bundled, PGlite fails on every page (`ERR_INVALID_ARG_TYPE … Received an instance of URL`).
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  // forbidden(): the portal answers 403 to a signed-in person without a portal role.
  experimental: { authInterrupts: true },
  // Tests and benchmarks build into their own folder so they never clobber a developer's `.next`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default withNextIntl(nextConfig);
