CREATE TABLE "reseller_hidden_products" (
	"tenant_id" uuid NOT NULL,
	"catalog_tenant_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	CONSTRAINT "reseller_hidden_products_pkey" PRIMARY KEY("tenant_id","product_id")
);
--> statement-breakpoint
ALTER TABLE "reseller_hidden_products" ADD CONSTRAINT "reseller_hidden_products_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_hidden_products" ADD CONSTRAINT "reseller_hidden_products_product_fk" FOREIGN KEY ("catalog_tenant_id","product_id") REFERENCES "public"."products"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "reseller_hidden_products" TO channelfront_app;--> statement-breakpoint
ALTER TABLE "reseller_hidden_products" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "reseller_hidden_products" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "reseller_hidden_products" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "reseller_hidden_products" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');
