CREATE TYPE "public"."credit_request_status" AS ENUM('open', 'granted', 'declined');--> statement-breakpoint
ALTER TYPE "public"."payment_method" ADD VALUE 'bank_transfer';--> statement-breakpoint
CREATE TABLE "credit_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"amount" bigint,
	"note" text,
	"status" "credit_request_status" DEFAULT 'open' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"credit_limit" bigint,
	"reason" text,
	CONSTRAINT "credit_requests_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "credit_requests_amount" CHECK ("credit_requests"."amount" is null or "credit_requests"."amount" >= 0),
	CONSTRAINT "credit_requests_decided" CHECK (("credit_requests"."status" = 'open') = ("credit_requests"."decided_at" is null))
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "vat_number" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "bank_details" jsonb;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "provision_before_payment" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "tax_id_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "purchase_order" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "reverse_charge" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "transfer_reference" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "purchase_order" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "reverse_charge" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_requests" ADD CONSTRAINT "credit_requests_org_fk" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "public"."organizations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_requests_one_open" ON "credit_requests" USING btree ("tenant_id","organization_id") WHERE "credit_requests"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_transfer_reference_key" ON "invoices" USING btree ("tenant_id","transfer_reference");--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_country" CHECK ("tenants"."country" ~ '^[A-Z]{2}$');--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "credit_requests" TO channelfront_app;--> statement-breakpoint
ALTER TABLE "credit_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "credit_requests" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "credit_requests" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "credit_requests" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');
