CREATE TYPE "public"."order_line_state" AS ENUM('pending', 'provisioning', 'provisioned', 'failed');--> statement-breakpoint
CREATE TYPE "public"."order_state" AS ENUM('placed', 'awaiting_payment', 'paid', 'provisioning', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."payment_method" AS ENUM('on_account', 'card');--> statement-breakpoint
CREATE TYPE "public"."subscription_status" AS ENUM('active', 'suspended', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."provisioning_task_state" AS ENUM('open', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "cart_items" (
	"tenant_id" uuid NOT NULL,
	"cart_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"seats" integer NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cart_items_pkey" PRIMARY KEY("tenant_id","cart_id","plan_id"),
	CONSTRAINT "cart_items_seats" CHECK ("cart_items"."seats" >= 1)
);
--> statement-breakpoint
CREATE TABLE "carts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text,
	"user_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carts_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "carts_owner" CHECK ("carts"."token_hash" is not null or "carts"."user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "order_counters" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"from_state" "order_state",
	"to_state" "order_state" NOT NULL,
	"cause" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_events_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"position" integer NOT NULL,
	"catalog_tenant_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"product_name" jsonb NOT NULL,
	"plan_name" jsonb NOT NULL,
	"billing_period" "billing_period" NOT NULL,
	"term_months" integer NOT NULL,
	"seats" integer NOT NULL,
	"unit_wholesale" bigint NOT NULL,
	"unit_cost" bigint NOT NULL,
	"unit_price" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"connector" text NOT NULL,
	"state" "order_line_state" DEFAULT 'pending' NOT NULL,
	"failure" text,
	CONSTRAINT "order_lines_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "order_lines_seats" CHECK ("order_lines"."seats" >= 1),
	CONSTRAINT "order_lines_amount" CHECK ("order_lines"."amount" = "order_lines"."unit_price" * "order_lines"."seats" and "order_lines"."unit_price" >= "order_lines"."unit_cost")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" integer NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"state" "order_state" DEFAULT 'placed' NOT NULL,
	"payment_method" "payment_method" NOT NULL,
	"currency" text NOT NULL,
	"subtotal" bigint NOT NULL,
	"tax_basis_points" integer NOT NULL,
	"tax" bigint NOT NULL,
	"total" bigint NOT NULL,
	"billing" jsonb NOT NULL,
	"locale" text NOT NULL,
	"payment_reference" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "orders_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "orders_currency" CHECK ("orders"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "orders_amounts" CHECK ("orders"."subtotal" >= 0 and "orders"."tax" >= 0 and "orders"."total" = "orders"."subtotal" + "orders"."tax"),
	CONSTRAINT "orders_tax_rate" CHECK ("orders"."tax_basis_points" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "payment_events" (
	"tenant_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"outcome" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_events_pkey" PRIMARY KEY("tenant_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "provisioning_tasks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"action" text DEFAULT 'provision' NOT NULL,
	"state" "provisioning_task_state" DEFAULT 'open' NOT NULL,
	"external_id" text,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "provisioning_tasks_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"catalog_tenant_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"seats" integer NOT NULL,
	"billing_period" "billing_period" NOT NULL,
	"status" "subscription_status" DEFAULT 'active' NOT NULL,
	"connector" text NOT NULL,
	"external_id" text NOT NULL,
	"current_period_start" timestamp with time zone NOT NULL,
	"current_period_end" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscriptions_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "subscriptions_seats" CHECK ("subscriptions"."seats" >= 1),
	CONSTRAINT "subscriptions_period" CHECK ("subscriptions"."current_period_end" > "subscriptions"."current_period_start")
);
--> statement-breakpoint
-- Provisioning now goes through one of three connectors; a product whose key names none is
-- provisioned by hand (a task for the distributor) rather than guessed at.
UPDATE "products" SET "connector_key" = 'manual' WHERE "connector_key" IS NULL OR "connector_key" NOT IN ('demo', 'http', 'manual');--> statement-breakpoint
ALTER TABLE "products" ALTER COLUMN "connector_key" SET DEFAULT 'manual';--> statement-breakpoint
ALTER TABLE "products" ALTER COLUMN "connector_key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "tax_rates" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "stripe_account_id" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "connector_url" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "on_account" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "credit_limit" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_cart_fk" FOREIGN KEY ("tenant_id","cart_id") REFERENCES "public"."carts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_counters" ADD CONSTRAINT "order_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_fk" FOREIGN KEY ("tenant_id","order_id") REFERENCES "public"."orders"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_fk" FOREIGN KEY ("tenant_id","order_id") REFERENCES "public"."orders"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_org_fk" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "public"."organizations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisioning_tasks" ADD CONSTRAINT "provisioning_tasks_line_fk" FOREIGN KEY ("tenant_id","line_id") REFERENCES "public"."order_lines"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_org_fk" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "public"."organizations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_line_fk" FOREIGN KEY ("tenant_id","order_line_id") REFERENCES "public"."order_lines"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "carts_token_key" ON "carts" USING btree ("tenant_id","token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "carts_user_key" ON "carts" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("tenant_id","order_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "order_lines_position_key" ON "order_lines" USING btree ("tenant_id","order_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_number_key" ON "orders" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_idempotency_key" ON "orders" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "orders_organization_idx" ON "orders" USING btree ("tenant_id","organization_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_state_idx" ON "orders" USING btree ("tenant_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "provisioning_tasks_line_key" ON "provisioning_tasks" USING btree ("tenant_id","line_id","action");--> statement-breakpoint
CREATE INDEX "provisioning_tasks_state_idx" ON "provisioning_tasks" USING btree ("state");--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_line_key" ON "subscriptions" USING btree ("tenant_id","order_line_id");--> statement-breakpoint
CREATE INDEX "subscriptions_organization_idx" ON "subscriptions" USING btree ("tenant_id","organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_stripe_account_key" ON "tenants" USING btree ("stripe_account_id");--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_stripe_account_format" CHECK ("tenants"."stripe_account_id" ~ '^acct_[A-Za-z0-9]{1,64}$');--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_tax_rates_object" CHECK (jsonb_typeof("tenants"."tax_rates") = 'object');--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_connector" CHECK ("products"."connector_key" in ('demo', 'http', 'manual'));--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_connector_url" CHECK (("products"."connector_key" = 'http') = ("products"."connector_url" is not null));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_credit_limit" CHECK ("organizations"."credit_limit" >= 0);--> statement-breakpoint

-- Row-level security for the new tenant tables, as in 0006: the tenant of the transaction only;
-- the distributor may read across its resellers (reports, manual provisioning tasks).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO channelfront_app;--> statement-breakpoint
ALTER TABLE "carts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "carts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "carts" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "carts" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
ALTER TABLE "cart_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "cart_items" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "cart_items" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "cart_items" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
ALTER TABLE "order_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "order_counters" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "order_counters" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "order_counters" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
ALTER TABLE "orders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "orders" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "orders" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "orders" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
ALTER TABLE "order_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "order_lines" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "order_lines" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "order_lines" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
ALTER TABLE "order_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "order_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "order_events" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "order_events" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
ALTER TABLE "payment_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "payment_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "payment_events" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "payment_events" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
ALTER TABLE "provisioning_tasks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "provisioning_tasks" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "provisioning_tasks" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "provisioning_tasks" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
ALTER TABLE "subscriptions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "subscriptions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "subscriptions" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "subscriptions" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['carts', 'cart_items', 'order_counters', 'orders', 'order_lines', 'order_events', 'payment_events', 'provisioning_tasks', 'subscriptions'] LOOP
    EXECUTE format('CREATE POLICY owner_maintenance ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
END $$;--> statement-breakpoint
-- The job queue (pg-boss) keeps its own tables in this schema, installed and upgraded by the app
-- role at start-up. Jobs carry ids only; what they act on is read back under row-level security.
CREATE SCHEMA IF NOT EXISTS pgboss;--> statement-breakpoint
GRANT USAGE, CREATE ON SCHEMA pgboss TO channelfront_app;
