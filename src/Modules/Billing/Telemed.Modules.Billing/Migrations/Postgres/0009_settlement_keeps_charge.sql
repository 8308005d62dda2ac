-- A refund no longer replaces a payment's settlement reason (docs/billing.md, "Refunds"): the reason stays what the money was taken
-- for (the visit, a late-cancellation or no-show fee), and each refund's own reason is in the ledger. Payments an earlier version
-- refunded read "refundedByAdmin" (or the automatic refund's reason) there instead, so the patient's payment panel said "Refunded by
-- the clinic" where it should name the charge: they get their capture's reason back from the ledger. The ledger is not touched.
UPDATE billing.payments p
SET "SettlementReason" = (
    SELECT c."Reason" FROM billing.payment_movements c
    WHERE c."PaymentId" = p."Id" AND c."Type" = 'captured'
    ORDER BY c."At", c."Id" LIMIT 1)
WHERE EXISTS (SELECT 1 FROM billing.payment_movements r WHERE r."PaymentId" = p."Id" AND r."Type" = 'refunded')
  AND EXISTS (SELECT 1 FROM billing.payment_movements c WHERE c."PaymentId" = p."Id" AND c."Type" = 'captured');
