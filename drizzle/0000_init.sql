CREATE TYPE "public"."domain_kind" AS ENUM('platform', 'custom');--> statement-breakpoint
CREATE TYPE "public"."tenant_kind" AS ENUM('distributor', 'reseller');--> statement-breakpoint
CREATE TYPE "public"."tenant_plan" AS ENUM('basic', 'free', 'standard');--> statement-breakpoint
CREATE TYPE "public"."tenant_status" AS ENUM('active', 'suspended');--> statement-breakpoint
CREATE TABLE "domains" (
	"tenant_id" uuid NOT NULL,
	"hostname" text NOT NULL,
	"kind" "domain_kind" DEFAULT 'custom' NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "domains_pkey" PRIMARY KEY("tenant_id","hostname"),
	CONSTRAINT "domains_hostname_lowercase" CHECK ("domains"."hostname" = lower("domains"."hostname"))
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" "tenant_kind" NOT NULL,
	"parent_id" uuid,
	"status" "tenant_status" DEFAULT 'active' NOT NULL,
	"plan" "tenant_plan" DEFAULT 'basic' NOT NULL,
	"default_locale" text DEFAULT 'en' NOT NULL,
	"locales" text[] DEFAULT ARRAY['en']::text[] NOT NULL,
	"default_currency" text DEFAULT 'EUR' NOT NULL,
	"currencies" text[] DEFAULT ARRAY['EUR']::text[] NOT NULL,
	"theme" text DEFAULT 'classic' NOT NULL,
	"theme_overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_slug_format" CHECK ("tenants"."slug" ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
	CONSTRAINT "tenants_default_locale_enabled" CHECK ("tenants"."default_locale" = ANY("tenants"."locales")),
	CONSTRAINT "tenants_default_currency_enabled" CHECK ("tenants"."default_currency" = ANY("tenants"."currencies")),
	CONSTRAINT "tenants_reseller_has_parent" CHECK (("tenants"."kind" = 'distributor') = ("tenants"."parent_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "domains" ADD CONSTRAINT "domains_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "domains_hostname_key" ON "domains" USING btree ("hostname");--> statement-breakpoint
CREATE INDEX "domains_tenant_idx" ON "domains" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_one_distributor" ON "tenants" USING btree ("kind") WHERE "tenants"."kind" = 'distributor';