-- Distributes the schema on a Citus cluster, after `npm run db:migrate` ran on the coordinator
-- (docs/scaling.md). Idempotent: tables already distributed are left alone.
-- The tenant registry and the master catalog become reference tables (a copy on every node);
-- everything a reseller owns is sharded by tenant_id and colocated, so one storefront's queries
-- run on one node. Citus distributes a table only while no local table references it, so the
-- foreign keys among the tenant tables are set aside and put back once all are distributed.
SET client_min_messages = warning;
DO $$
DECLARE
  t text;
  fk record;
  reference text[] := ARRAY['tenants', 'domains', 'partner_tiers', 'vendors', 'categories', 'products', 'plans', 'plan_prices', 'search_terms'];
  tenant_tables text[] := ARRAY['users', 'organizations', 'accounts', 'sessions', 'verification_tokens', 'memberships', 'invitations',
                                'mail_outbox', 'rate_limits', 'api_keys', 'reseller_offers', 'reseller_listings', 'markup_rules', 'contract_prices',
                                'carts', 'cart_items', 'order_counters', 'orders', 'order_lines', 'order_events', 'payment_events',
                                'provisioning_tasks', 'subscriptions', 'subscription_events', 'seat_assignments',
                                'document_counters', 'invoices', 'invoice_lines', 'resale_licensees',
                                'design_versions', 'media', 'content_pages', 'reseller_hidden_products', 'credit_requests', 'account_credits'];
  pending text[];
BEGIN
  FOREACH t IN ARRAY reference LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = t::regclass AND partmethod = 'n' AND repmodel = 't') THEN
      PERFORM create_reference_table(t);
    END IF;
  END LOOP;
  -- Tables a later migration added are distributed on the next run; the others stay as they are.
  SELECT coalesce(array_agg(x), '{}') INTO pending FROM unnest(tenant_tables) AS x
    WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = x::regclass AND partmethod = 'h');
  IF cardinality(pending) = 0 THEN
    RETURN;
  END IF;
  CREATE TEMP TABLE set_aside ON COMMIT DROP AS
    SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
    FROM pg_constraint
    WHERE contype = 'f' AND conrelid::regclass::text = ANY (tenant_tables) AND confrelid::regclass::text = ANY (tenant_tables)
      AND (conrelid::regclass::text = ANY (pending) OR confrelid::regclass::text = ANY (pending));
  FOR fk IN SELECT * FROM set_aside LOOP
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', fk.tbl, fk.conname);
  END LOOP;
  FOREACH t IN ARRAY tenant_tables LOOP
    CONTINUE WHEN NOT t = ANY (pending);
    IF t = 'users' THEN
      PERFORM create_distributed_table('users', 'tenant_id');
    ELSE
      PERFORM create_distributed_table(t, 'tenant_id', colocate_with => 'users');
    END IF;
  END LOOP;
  FOR fk IN SELECT * FROM set_aside LOOP
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', fk.tbl, fk.conname, fk.def);
  END LOOP;
END $$;
-- The app names its tenant with SET LOCAL (lib/db/tenant.ts); Citus forwards it to the workers
-- that run the transaction's queries, where row-level security reads it.
ALTER ROLE channelfront_app SET citus.propagate_set_commands = 'local';
-- Issued invoices and credit notes are immutable (drizzle/0009_subscriptions.sql): the app may add
-- them and mark an invoice paid. Distributing a table gives it the schema's default privileges
-- again, so the narrower grants are restated here; Citus carries them to every shard. Idempotent.
-- The customer's credit ledger (drizzle/0017_credit_notes_by_hand.sql) only grows; credit settles
-- part of an invoice through credit_applied.
REVOKE UPDATE, DELETE, TRUNCATE ON invoices, invoice_lines, account_credits FROM channelfront_app;
GRANT UPDATE (status, paid_at, payment_reference, credit_applied) ON invoices TO channelfront_app;
