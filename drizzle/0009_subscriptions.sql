CREATE TYPE "public"."order_line_kind" AS ENUM('new', 'add_seats', 'upgrade');--> statement-breakpoint
CREATE TYPE "public"."document_kind" AS ENUM('invoice', 'credit_note');--> statement-breakpoint
CREATE TYPE "public"."document_status" AS ENUM('open', 'paid', 'issued');--> statement-breakpoint
CREATE TABLE "document_counters" (
	"tenant_id" uuid NOT NULL,
	"kind" "document_kind" NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "document_counters_pkey" PRIMARY KEY("tenant_id","kind")
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"tenant_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"description" jsonb NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"tax" bigint NOT NULL,
	CONSTRAINT "invoice_lines_pkey" PRIMARY KEY("tenant_id","invoice_id","position"),
	CONSTRAINT "invoice_lines_quantity" CHECK ("invoice_lines"."quantity" >= 1),
	CONSTRAINT "invoice_lines_period" CHECK ("invoice_lines"."period_end" >= "invoice_lines"."period_start")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" "document_kind" NOT NULL,
	"number" integer NOT NULL,
	"source_key" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"subscription_id" uuid,
	"order_id" uuid,
	"status" "document_status" NOT NULL,
	"payment_method" "payment_method" NOT NULL,
	"currency" text NOT NULL,
	"subtotal" bigint NOT NULL,
	"tax_basis_points" integer NOT NULL,
	"tax" bigint NOT NULL,
	"total" bigint NOT NULL,
	"seller" jsonb NOT NULL,
	"buyer" jsonb NOT NULL,
	"locale" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"payment_reference" text,
	CONSTRAINT "invoices_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "invoices_currency" CHECK ("invoices"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "invoices_amounts" CHECK ("invoices"."subtotal" >= 0 and "invoices"."tax" >= 0 and "invoices"."total" = "invoices"."subtotal" + "invoices"."tax"),
	CONSTRAINT "invoices_tax_rate" CHECK ("invoices"."tax_basis_points" between 0 and 10000),
	CONSTRAINT "invoices_status" CHECK (("invoices"."kind" = 'credit_note') = ("invoices"."status" = 'issued')),
	CONSTRAINT "invoices_paid" CHECK (("invoices"."status" = 'paid') = ("invoices"."paid_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "seat_assignments" (
	"tenant_id" uuid NOT NULL,
	"subscription_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"assigned_by" text NOT NULL,
	CONSTRAINT "seat_assignments_pkey" PRIMARY KEY("tenant_id","subscription_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "subscription_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"kind" text NOT NULL,
	"seats_from" integer,
	"seats_to" integer,
	"plan_from" uuid,
	"plan_to" uuid,
	"amount" bigint,
	"currency" text,
	"order_id" uuid,
	"invoice_id" uuid,
	"effective_at" timestamp with time zone,
	"note" text,
	CONSTRAINT "subscription_events_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "order_lines" DROP CONSTRAINT "order_lines_amount";--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "legal_address" text;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "kind" "order_line_kind" DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "subscription_id" uuid;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "seats_before" integer;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "currency" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "unit_price" bigint;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "unit_cost" bigint;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "unit_wholesale" bigint;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "payment_method" "payment_method";--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "auto_renew" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "cancel_at_period_end" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "scheduled_seats" integer;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "scheduled_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "renewal_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "renewal_retry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "reminded_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "stripe_customer_id" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "stripe_payment_method_id" text;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
-- Subscriptions provisioned before this migration take their price, currency and payment method
-- from the order line that bought them.
UPDATE "subscriptions" s SET "currency" = o."currency", "unit_price" = l."unit_price", "unit_cost" = l."unit_cost",
  "unit_wholesale" = l."unit_wholesale", "payment_method" = o."payment_method", "updated_at" = s."created_at"
  FROM "order_lines" l JOIN "orders" o ON o."tenant_id" = l."tenant_id" AND o."id" = l."order_id"
  WHERE l."tenant_id" = s."tenant_id" AND l."id" = s."order_line_id";--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "currency" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "unit_price" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "unit_cost" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "unit_wholesale" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "payment_method" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ALTER COLUMN "updated_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "document_counters" ADD CONSTRAINT "document_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_fk" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "public"."invoices"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_org_fk" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "public"."organizations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_assignments" ADD CONSTRAINT "seat_assignments_subscription_fk" FOREIGN KEY ("tenant_id","subscription_id") REFERENCES "public"."subscriptions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_assignments" ADD CONSTRAINT "seat_assignments_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_events" ADD CONSTRAINT "subscription_events_subscription_fk" FOREIGN KEY ("tenant_id","subscription_id") REFERENCES "public"."subscriptions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_key" ON "invoices" USING btree ("tenant_id","kind","number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_source_key" ON "invoices" USING btree ("tenant_id","source_key");--> statement-breakpoint
CREATE INDEX "invoices_organization_idx" ON "invoices" USING btree ("tenant_id","organization_id","issued_at");--> statement-breakpoint
CREATE INDEX "seat_assignments_user_idx" ON "seat_assignments" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "subscription_events_subscription_idx" ON "subscription_events" USING btree ("tenant_id","subscription_id","at");--> statement-breakpoint
CREATE INDEX "order_lines_subscription_idx" ON "order_lines" USING btree ("tenant_id","subscription_id");--> statement-breakpoint
CREATE INDEX "subscriptions_renewal_idx" ON "subscriptions" USING btree ("current_period_end") WHERE "subscriptions"."status" = 'active';--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_change" CHECK (("order_lines"."kind" = 'new') = ("order_lines"."subscription_id" is null));--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_amount" CHECK ((case when "order_lines"."kind" = 'new' then "order_lines"."amount" = "order_lines"."unit_price" * "order_lines"."seats" else "order_lines"."amount" between 0 and "order_lines"."unit_price" * "order_lines"."seats" end) and "order_lines"."unit_price" >= "order_lines"."unit_cost");--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_scheduled_seats" CHECK ("subscriptions"."scheduled_seats" is null or "subscriptions"."scheduled_seats" >= 1);--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_price" CHECK ("subscriptions"."unit_price" >= "subscriptions"."unit_cost" and "subscriptions"."unit_cost" >= 0);--> statement-breakpoint
-- Row-level security for the new tenant tables, as in 0006/0007: the tenant of the transaction
-- only; the distributor may read across its resellers (reports, the renewal job's scan).
GRANT SELECT, INSERT, UPDATE, DELETE ON "subscription_events", "seat_assignments", "document_counters" TO channelfront_app;--> statement-breakpoint
-- Issued documents are immutable: the app may add them and mark an invoice paid, nothing else.
REVOKE ALL ON "invoices", "invoice_lines" FROM channelfront_app;--> statement-breakpoint
GRANT SELECT, INSERT ON "invoices", "invoice_lines" TO channelfront_app;--> statement-breakpoint
GRANT UPDATE ("status", "paid_at", "payment_reference") ON "invoices" TO channelfront_app;--> statement-breakpoint
ALTER TABLE "subscription_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "subscription_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "subscription_events" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "subscription_events" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
ALTER TABLE "seat_assignments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "seat_assignments" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "seat_assignments" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "seat_assignments" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
ALTER TABLE "document_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "document_counters" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "document_counters" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "document_counters" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
ALTER TABLE "invoices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invoices" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "invoices" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "invoices" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
ALTER TABLE "invoice_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invoice_lines" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "invoice_lines" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "invoice_lines" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['subscription_events', 'seat_assignments', 'document_counters', 'invoices', 'invoice_lines'] LOOP
    EXECUTE format('CREATE POLICY owner_maintenance ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
END $$;
