ALTER TYPE "public"."product_type" ADD VALUE 'storefront_plan';--> statement-breakpoint
CREATE TABLE "resale_licensees" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"contact_email" text NOT NULL,
	"tax_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resale_licensees_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "resale_licensees_country" CHECK ("resale_licensees"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
ALTER TABLE "products" DROP CONSTRAINT "products_connector";--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "storefront_plan" "tenant_plan";--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "reselling_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "reseller_tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "storefront_slug" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "partner_tier_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "licensee" jsonb;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "storefront" jsonb;--> statement-breakpoint
ALTER TABLE "resale_licensees" ADD CONSTRAINT "resale_licensees_org_fk" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "public"."organizations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "resale_licensees_name_key" ON "resale_licensees" USING btree ("tenant_id","organization_id","name");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_reseller_tenant_id_tenants_id_fk" FOREIGN KEY ("reseller_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_partner_tier_fk" FOREIGN KEY ("tenant_id","partner_tier_id") REFERENCES "public"."partner_tiers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_reseller_tenant_key" ON "organizations" USING btree ("tenant_id","reseller_tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_storefront_slug_key" ON "organizations" USING btree ("tenant_id","storefront_slug");--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_storefront_plan" CHECK ("plans"."storefront_plan" is distinct from 'basic');--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_connector" CHECK ("products"."connector_key" in ('demo', 'http', 'manual', 'storefront'));--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_storefront_slug_format" CHECK ("organizations"."storefront_slug" ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$');--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "resale_licensees" TO channelfront_app;--> statement-breakpoint
ALTER TABLE "resale_licensees" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "resale_licensees" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "resale_licensees" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "resale_licensees" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');
