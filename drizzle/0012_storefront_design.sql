CREATE TABLE "content_pages" (
	"tenant_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"locale" text NOT NULL,
	"draft_title" text NOT NULL,
	"draft_body" text NOT NULL,
	"title" text,
	"body" text,
	"in_header" boolean DEFAULT false NOT NULL,
	"in_footer" boolean DEFAULT true NOT NULL,
	"draft_in_header" boolean DEFAULT false NOT NULL,
	"draft_in_footer" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	"published_at" timestamp with time zone,
	CONSTRAINT "content_pages_pkey" PRIMARY KEY("tenant_id","slug","locale"),
	CONSTRAINT "content_pages_slug_format" CHECK ("content_pages"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length("content_pages"."slug") <= 60),
	CONSTRAINT "content_pages_locale_format" CHECK ("content_pages"."locale" ~ '^[a-z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "design_versions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" integer,
	"theme" text NOT NULL,
	"overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"logo" jsonb,
	"restored_from" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	"published_at" timestamp with time zone,
	"published_by" text,
	CONSTRAINT "design_versions_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "design_versions_published" CHECK (("design_versions"."number" is null) = ("design_versions"."published_at" is null))
);
--> statement-breakpoint
CREATE TABLE "media" (
	"tenant_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"content_type" text NOT NULL,
	"width" smallint NOT NULL,
	"height" smallint NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_pkey" PRIMARY KEY("tenant_id","hash"),
	CONSTRAINT "media_hash_format" CHECK ("media"."hash" ~ '^[0-9a-f]{32}$'),
	CONSTRAINT "media_content_type" CHECK ("media"."content_type" in ('image/png', 'image/webp'))
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "logo" jsonb;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "design_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "default_tokens" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "content_pages" ADD CONSTRAINT "content_pages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "design_versions" ADD CONSTRAINT "design_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "content_pages_locale_idx" ON "content_pages" USING btree ("tenant_id","locale");--> statement-breakpoint
CREATE UNIQUE INDEX "design_versions_number_key" ON "design_versions" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "design_versions_one_draft" ON "design_versions" USING btree ("tenant_id") WHERE "design_versions"."number" is null;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "content_pages" TO channelfront_app;--> statement-breakpoint
ALTER TABLE "content_pages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "content_pages" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "content_pages" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "content_pages" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "design_versions" TO channelfront_app;--> statement-breakpoint
ALTER TABLE "design_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "design_versions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "design_versions" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "design_versions" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "media" TO channelfront_app;--> statement-breakpoint
ALTER TABLE "media" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "media" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "media" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "media" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');
