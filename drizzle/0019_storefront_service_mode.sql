ALTER TABLE "tenants" ADD COLUMN "storefront_opened_at" timestamp with time zone;--> statement-breakpoint
-- Storefronts open today were opened before this column existed.
UPDATE "tenants" SET "storefront_opened_at" = "created_at" WHERE "kind" = 'reseller' AND "plan" <> 'basic';
