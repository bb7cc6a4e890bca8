-- Every reseller-owned table carries tenant_id in its primary key and unique indexes, so it can be
-- distributed by tenant (Citus). Rows that belong to no tenant cannot exist any more.
DROP INDEX "sessions_token_key";--> statement-breakpoint
DROP INDEX "users_id_key";--> statement-breakpoint
DROP INDEX "api_keys_token_hash_key";--> statement-breakpoint
DELETE FROM "mail_outbox" WHERE "tenant_id" IS NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" DROP CONSTRAINT "mail_outbox_pkey";--> statement-breakpoint
ALTER TABLE "mail_outbox" ALTER COLUMN "tenant_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_pkey" PRIMARY KEY("tenant_id","id");--> statement-breakpoint
-- Rate-limit counters are one-minute windows: nothing is lost by starting them afresh.
DELETE FROM "rate_limits";--> statement-breakpoint
ALTER TABLE "rate_limits" DROP CONSTRAINT "rate_limits_pkey";--> statement-breakpoint
ALTER TABLE "rate_limits" ADD COLUMN "tenant_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "rate_limits" ADD CONSTRAINT "rate_limits_pkey" PRIMARY KEY("tenant_id","key");--> statement-breakpoint
-- Sign-in is by email only, so accounts has no rows to carry over.
DELETE FROM "accounts";--> statement-breakpoint
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_pkey";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "tenant_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_pkey" PRIMARY KEY("tenant_id","provider","provider_account_id");--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_created_idx" ON "mail_outbox" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_token_hash_key" ON "api_keys" USING btree ("tenant_id","token_hash");
