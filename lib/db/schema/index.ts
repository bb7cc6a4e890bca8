// The database schema, one file per domain. drizzle-kit reads this file (drizzle.config.ts).
export * from './tenancy';
export * from './catalog';
export * from './identity';
export * from './commerce';
export * from './billing';
export * from './design';
