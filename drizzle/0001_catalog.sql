CREATE TYPE "public"."billing_period" AS ENUM('month', 'year');--> statement-breakpoint
CREATE TYPE "public"."listing_mode" AS ENUM('all', 'selected');--> statement-breakpoint
CREATE TYPE "public"."markup_kind" AS ENUM('percent', 'fixed');--> statement-breakpoint
CREATE TYPE "public"."markup_scope" AS ENUM('all', 'category', 'product');--> statement-breakpoint
CREATE TYPE "public"."product_type" AS ENUM('saas', 'license', 'service');--> statement-breakpoint
CREATE TYPE "public"."rounding_rule" AS ENUM('none', '99', '95', 'whole');--> statement-breakpoint
CREATE TABLE "categories" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "categories_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "contract_prices" (
	"tenant_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"catalog_tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "contract_prices_pkey" PRIMARY KEY("tenant_id","organization_id","plan_id","currency"),
	CONSTRAINT "contract_prices_amount" CHECK ("contract_prices"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "markup_rules" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"catalog_tenant_id" uuid NOT NULL,
	"scope" "markup_scope" NOT NULL,
	"category_id" uuid,
	"product_id" uuid,
	"kind" "markup_kind" NOT NULL,
	"basis_points" integer,
	"currency" text,
	"amount" bigint,
	CONSTRAINT "markup_rules_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "markup_rules_target" CHECK (("markup_rules"."scope" = 'all' and "markup_rules"."category_id" is null and "markup_rules"."product_id" is null) or ("markup_rules"."scope" = 'category' and "markup_rules"."category_id" is not null and "markup_rules"."product_id" is null) or ("markup_rules"."scope" = 'product' and "markup_rules"."product_id" is not null and "markup_rules"."category_id" is null)),
	CONSTRAINT "markup_rules_value" CHECK (("markup_rules"."kind" = 'percent' and "markup_rules"."basis_points" is not null and "markup_rules"."currency" is null and "markup_rules"."amount" is null) or ("markup_rules"."kind" = 'fixed' and "markup_rules"."basis_points" is null and "markup_rules"."currency" ~ '^[A-Z]{3}$' and "markup_rules"."amount" is not null))
);
--> statement-breakpoint
CREATE TABLE "partner_tiers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"discount_basis_points" integer NOT NULL,
	CONSTRAINT "partner_tiers_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "partner_tiers_discount_range" CHECK ("partner_tiers"."discount_basis_points" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "plan_prices" (
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"wholesale" bigint NOT NULL,
	"msrp" bigint NOT NULL,
	CONSTRAINT "plan_prices_pkey" PRIMARY KEY("tenant_id","plan_id","currency"),
	CONSTRAINT "plan_prices_currency" CHECK ("plan_prices"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "plan_prices_amounts" CHECK ("plan_prices"."wholesale" >= 0 and "plan_prices"."msrp" >= "plan_prices"."wholesale")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"name" jsonb NOT NULL,
	"billing_period" "billing_period" NOT NULL,
	"term_months" integer NOT NULL,
	"min_seats" integer DEFAULT 1 NOT NULL,
	"max_seats" integer DEFAULT 300 NOT NULL,
	"cancellation_window_hours" integer DEFAULT 168 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plans_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "plans_seats" CHECK ("plans"."min_seats" >= 1 and "plans"."max_seats" >= "plans"."min_seats"),
	CONSTRAINT "plans_term" CHECK ("plans"."term_months" >= 1),
	CONSTRAINT "plans_cancellation_window" CHECK ("plans"."cancellation_window_hours" >= 0)
);
--> statement-breakpoint
CREATE TABLE "products" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"sku" text NOT NULL,
	"slug" text NOT NULL,
	"vendor_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"type" "product_type" DEFAULT 'saas' NOT NULL,
	"resale_only" boolean DEFAULT false NOT NULL,
	"connector_key" text,
	"featured" boolean DEFAULT false NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce(name->>'en','') || ' ' || coalesce(name->>'de','') || ' ' || coalesce(name->>'fr','') || ' ' || coalesce(description->>'en','') || ' ' || coalesce(description->>'de','') || ' ' || coalesce(description->>'fr','') || ' ' || sku)) STORED,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "products_slug_format" CHECK ("products"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "products_name_en" CHECK ("products"."name" ? 'en')
);
--> statement-breakpoint
CREATE TABLE "reseller_listings" (
	"tenant_id" uuid NOT NULL,
	"catalog_tenant_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	CONSTRAINT "reseller_listings_pkey" PRIMARY KEY("tenant_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "reseller_offers" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"catalog_tenant_id" uuid NOT NULL,
	"tier_id" uuid NOT NULL,
	"listing" "listing_mode" DEFAULT 'all' NOT NULL,
	"rounding" "rounding_rule" DEFAULT 'none' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendors" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "vendors_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_prices" ADD CONSTRAINT "contract_prices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_prices" ADD CONSTRAINT "contract_prices_plan_fk" FOREIGN KEY ("catalog_tenant_id","plan_id") REFERENCES "public"."plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "markup_rules" ADD CONSTRAINT "markup_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "markup_rules" ADD CONSTRAINT "markup_rules_category_fk" FOREIGN KEY ("catalog_tenant_id","category_id") REFERENCES "public"."categories"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "markup_rules" ADD CONSTRAINT "markup_rules_product_fk" FOREIGN KEY ("catalog_tenant_id","product_id") REFERENCES "public"."products"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_tiers" ADD CONSTRAINT "partner_tiers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_prices" ADD CONSTRAINT "plan_prices_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_product_fk" FOREIGN KEY ("tenant_id","product_id") REFERENCES "public"."products"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_vendor_fk" FOREIGN KEY ("tenant_id","vendor_id") REFERENCES "public"."vendors"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_category_fk" FOREIGN KEY ("tenant_id","category_id") REFERENCES "public"."categories"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_listings" ADD CONSTRAINT "reseller_listings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_listings" ADD CONSTRAINT "reseller_listings_product_fk" FOREIGN KEY ("catalog_tenant_id","product_id") REFERENCES "public"."products"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_offers" ADD CONSTRAINT "reseller_offers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_offers" ADD CONSTRAINT "reseller_offers_tier_fk" FOREIGN KEY ("catalog_tenant_id","tier_id") REFERENCES "public"."partner_tiers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendors" ADD CONSTRAINT "vendors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "categories_slug_key" ON "categories" USING btree ("tenant_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "markup_rules_target_key" ON "markup_rules" USING btree ("tenant_id","scope",coalesce("category_id", "product_id", '00000000-0000-0000-0000-000000000000'::uuid),coalesce("currency", ''));--> statement-breakpoint
CREATE UNIQUE INDEX "partner_tiers_name_key" ON "partner_tiers" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_sku_key" ON "plans" USING btree ("tenant_id","sku");--> statement-breakpoint
CREATE INDEX "plans_product_idx" ON "plans" USING btree ("tenant_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "products_sku_key" ON "products" USING btree ("tenant_id","sku");--> statement-breakpoint
CREATE UNIQUE INDEX "products_slug_key" ON "products" USING btree ("tenant_id","slug");--> statement-breakpoint
CREATE INDEX "products_search_idx" ON "products" USING gin ("search");--> statement-breakpoint
CREATE INDEX "products_category_idx" ON "products" USING btree ("tenant_id","category_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vendors_slug_key" ON "vendors" USING btree ("tenant_id","slug");