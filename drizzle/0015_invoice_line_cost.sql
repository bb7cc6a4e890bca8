ALTER TABLE "invoice_lines" ADD COLUMN "cost" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Documents issued before lines kept their cost: the cost per seat of what they bill, in the same
-- share as the amount (an order's line by position, a failed line's credit note by its line, a
-- renewal's or a credit note's subscription).
UPDATE "invoice_lines" AS il SET "cost" = CASE WHEN ol.unit_price > 0 THEN round(il.amount::numeric * ol.unit_cost / ol.unit_price)::bigint ELSE ol.unit_cost * il.quantity END
FROM "invoices" AS i, "order_lines" AS ol
WHERE i.tenant_id = il.tenant_id AND i.id = il.invoice_id AND ol.tenant_id = i.tenant_id AND ol.order_id = i.order_id
  AND ((i.kind = 'invoice' AND ol.position = il.position) OR (i.kind = 'credit_note' AND i.source_key = 'failed:' || ol.id::text));--> statement-breakpoint
UPDATE "invoice_lines" AS il SET "cost" = CASE WHEN s.unit_price > 0 THEN round(il.amount::numeric * s.unit_cost / s.unit_price)::bigint ELSE s.unit_cost * il.quantity END
FROM "invoices" AS i, "subscriptions" AS s
WHERE i.tenant_id = il.tenant_id AND i.id = il.invoice_id AND i.order_id IS NULL AND s.tenant_id = i.tenant_id AND s.id = i.subscription_id;
