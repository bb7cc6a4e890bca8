CREATE TABLE "account_credits" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"source_key" text NOT NULL,
	"invoice_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "account_credits_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "account_credits_currency" CHECK ("account_credits"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "account_credits_amount" CHECK ("account_credits"."amount" <> 0)
);
--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "credits_position" integer;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "credits_invoice_id" uuid;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "issued_by" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "credit_applied" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "account_credits" ADD CONSTRAINT "account_credits_org_fk" FOREIGN KEY ("tenant_id","organization_id") REFERENCES "public"."organizations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_credits" ADD CONSTRAINT "account_credits_invoice_fk" FOREIGN KEY ("tenant_id","invoice_id") REFERENCES "public"."invoices"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_credits_source_key" ON "account_credits" USING btree ("tenant_id","source_key");--> statement-breakpoint
CREATE INDEX "account_credits_organization_idx" ON "account_credits" USING btree ("tenant_id","organization_id","currency");--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_credits_fk" FOREIGN KEY ("tenant_id","credits_invoice_id") REFERENCES "public"."invoices"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invoices_credits_idx" ON "invoices" USING btree ("tenant_id","credits_invoice_id");--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_credit_applied" CHECK ("invoices"."credit_applied" >= 0 and "invoices"."credit_applied" <= "invoices"."total" and ("invoices"."kind" = 'invoice' or "invoices"."credit_applied" = 0));--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_credits_kind" CHECK ("invoices"."credits_invoice_id" is null or "invoices"."kind" = 'credit_note');--> statement-breakpoint
REVOKE ALL ON "account_credits" FROM channelfront_app;--> statement-breakpoint
GRANT SELECT, INSERT ON "account_credits" TO channelfront_app;--> statement-breakpoint
GRANT UPDATE ("credit_applied") ON "invoices" TO channelfront_app;--> statement-breakpoint
ALTER TABLE "account_credits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "account_credits" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "account_credits" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "distributor_reads" ON "account_credits" FOR SELECT USING (current_setting('app.scope', true) = 'distributor');
