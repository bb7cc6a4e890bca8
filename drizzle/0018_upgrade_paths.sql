ALTER TABLE "products" ADD COLUMN "upgrades_to" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "period_anchor" timestamp with time zone;