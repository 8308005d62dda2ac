-- A refund no longer replaces a payment's settlement reason: see the PostgreSQL migration of the same number. Refunded payments get
-- their capture's reason back from the ledger; the ledger is not touched.
UPDATE "billing_payments"
SET "SettlementReason" = (
    SELECT c."Reason" FROM "billing_payment_movements" c
    WHERE c."PaymentId" = "billing_payments"."Id" AND c."Type" = 'captured'
    ORDER BY c."At", c."Id" LIMIT 1)
WHERE EXISTS (SELECT 1 FROM "billing_payment_movements" r WHERE r."PaymentId" = "billing_payments"."Id" AND r."Type" = 'refunded')
  AND EXISTS (SELECT 1 FROM "billing_payment_movements" c WHERE c."PaymentId" = "billing_payments"."Id" AND c."Type" = 'captured');
