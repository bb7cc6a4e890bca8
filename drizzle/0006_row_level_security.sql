-- Row-level security: the database itself keeps tenants apart, so a query that forgot its WHERE
-- returns nothing rather than another storefront's rows. The app connects as channelfront_app (not a
-- superuser, not the owner, no BYPASSRLS) and names its tenant per transaction:
--   SET LOCAL app.tenant_id = '<uuid>'   (lib/db/tenant.ts; SET LOCAL, not set_config, because
--   Citus propagates SET LOCAL to the worker nodes when citus.propagate_set_commands = 'local').
-- No tenant set: tenant tables show no rows and refuse every write.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'channelfront_app') THEN
    -- LOGIN: Citus opens connections to the workers as this role. Give it a password (ALTER ROLE
    -- channelfront_app PASSWORD '...') and put it in DATABASE_URL; see README "Running on PostgreSQL".
    BEGIN
      CREATE ROLE channelfront_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE EXCEPTION 'the role channelfront_app does not exist and % may not create it', current_user
        USING HINT = 'As a superuser run: CREATE ROLE channelfront_app LOGIN PASSWORD ''…''; then run the migrations again.';
    END;
  END IF;
END $$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO channelfront_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO channelfront_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO channelfront_app;--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "accounts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sessions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "verification_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "verification_tokens" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "organizations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "organizations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mail_outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "mail_outbox" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "rate_limits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "rate_limits" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "reseller_offers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "reseller_offers" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "reseller_listings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "reseller_listings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "markup_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "markup_rules" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "contract_prices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "contract_prices" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "partner_tiers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "partner_tiers" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "vendors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "vendors" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "categories" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "categories" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "products" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "products" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "plans" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "plan_prices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "plan_prices" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "domains" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "domains" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Tenant-owned tables: one storefront's rows, read and written only inside its own transaction.

CREATE POLICY "tenant_isolation" ON "users" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "users" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "accounts" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "accounts" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "sessions" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "sessions" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "verification_tokens" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "verification_tokens" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "organizations" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "organizations" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "memberships" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "memberships" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "invitations" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "invitations" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "mail_outbox" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "mail_outbox" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "rate_limits" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "rate_limits" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "api_keys" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "api_keys" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "reseller_offers" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "reseller_offers" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "reseller_listings" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "reseller_listings" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "markup_rules" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "markup_rules" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "contract_prices" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "contract_prices" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
-- The master catalog (a Citus reference table): every storefront prices from it, only its owner writes it.

CREATE POLICY "catalog_read" ON "partner_tiers" FOR SELECT USING (coalesce(current_setting('app.tenant_id', true), '') <> '');--> statement-breakpoint
CREATE POLICY "catalog_write" ON "partner_tiers" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_read" ON "vendors" FOR SELECT USING (coalesce(current_setting('app.tenant_id', true), '') <> '');--> statement-breakpoint
CREATE POLICY "catalog_write" ON "vendors" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_read" ON "categories" FOR SELECT USING (coalesce(current_setting('app.tenant_id', true), '') <> '');--> statement-breakpoint
CREATE POLICY "catalog_write" ON "categories" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_read" ON "products" FOR SELECT USING (coalesce(current_setting('app.tenant_id', true), '') <> '');--> statement-breakpoint
CREATE POLICY "catalog_write" ON "products" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_read" ON "plans" FOR SELECT USING (coalesce(current_setting('app.tenant_id', true), '') <> '');--> statement-breakpoint
CREATE POLICY "catalog_write" ON "plans" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "catalog_read" ON "plan_prices" FOR SELECT USING (coalesce(current_setting('app.tenant_id', true), '') <> '');--> statement-breakpoint
CREATE POLICY "catalog_write" ON "plan_prices" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- The tenant registry and hostnames route requests before any tenant is known: readable, written by the
-- tenant itself or (for its resellers) by the distributor.

CREATE POLICY "tenants_read" ON "tenants" FOR SELECT USING (true);--> statement-breakpoint
CREATE POLICY "tenants_update" ON "tenants" FOR UPDATE USING (id = nullif(current_setting('app.tenant_id', true), '')::uuid OR parent_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (id = nullif(current_setting('app.tenant_id', true), '')::uuid OR parent_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenants_insert" ON "tenants" FOR INSERT WITH CHECK (parent_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "domains_read" ON "domains" FOR SELECT USING (true);--> statement-breakpoint
CREATE POLICY "domains_write" ON "domains" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- The owning role (the one running migrations, seeds and imports) keeps full access: FORCE would
-- otherwise lock it out of its own tables. The app never connects as it (checked at start-up).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'accounts', 'sessions', 'verification_tokens', 'organizations', 'memberships', 'invitations', 'mail_outbox', 'rate_limits', 'api_keys', 'reseller_offers', 'reseller_listings', 'markup_rules', 'contract_prices', 'partner_tiers', 'vendors', 'categories', 'products', 'plans', 'plan_prices', 'tenants', 'domains'] LOOP
    EXECUTE format('CREATE POLICY owner_maintenance ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
END $$;
