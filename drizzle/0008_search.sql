-- Typo-tolerant storefront search (lib/catalog/search.ts): trigram similarity between a search
-- word and the words the catalog has. pg_trgm is a trusted extension: the database owner may add it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "search_terms" (
	"tenant_id" uuid NOT NULL,
	"term" text NOT NULL,
	CONSTRAINT "search_terms_pkey" PRIMARY KEY("tenant_id","term")
);
--> statement-breakpoint
DROP INDEX "products_search_idx";--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "search_doc" "tsvector";--> statement-breakpoint
ALTER TABLE "search_terms" ADD CONSTRAINT "search_terms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "products_search_idx" ON "products" USING gin ("search_doc");--> statement-breakpoint
ALTER TABLE "products" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "search_terms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "search_terms" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "catalog_read" ON "search_terms" FOR SELECT USING (coalesce(current_setting('app.tenant_id', true), '') <> '');--> statement-breakpoint
CREATE POLICY "catalog_write" ON "search_terms" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "search_terms" TO channelfront_app;--> statement-breakpoint
-- Products already imported get their documents and words here; new imports write them
-- (the same expression as lib/catalog/search-index.ts).
UPDATE products p SET search_doc = setweight(to_tsvector('simple', coalesce(p.name->>'en','') || ' ' || coalesce(p.name->>'de','') || ' ' || coalesce(p.name->>'fr','') || ' ' || p.sku || ' ' || v.name), 'A')
    || setweight(to_tsvector('simple', coalesce((select string_agg(coalesce(pl.name->>'en','') || ' ' || coalesce(pl.name->>'de','') || ' ' || coalesce(pl.name->>'fr',''), ' ') from plans pl where pl.tenant_id = p.tenant_id and pl.product_id = p.id), '')), 'B')
    || setweight(to_tsvector('simple', coalesce(p.description->>'en','') || ' ' || coalesce(p.description->>'de','') || ' ' || coalesce(p.description->>'fr','')), 'C')
  FROM vendors v WHERE v.tenant_id = p.tenant_id AND v.id = p.vendor_id;--> statement-breakpoint
INSERT INTO search_terms (tenant_id, term)
  SELECT DISTINCT p.tenant_id, w.term FROM products p, unnest(tsvector_to_array(p.search_doc)) AS w(term)
  WHERE length(w.term) BETWEEN 3 AND 40
  ON CONFLICT DO NOTHING;
