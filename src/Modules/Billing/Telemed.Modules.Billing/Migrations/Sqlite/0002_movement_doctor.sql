-- Clinic analytics (docs/analytics.md): each ledger movement carries its payment's doctor (revenue by doctor without a join).
ALTER TABLE "billing_payment_movements" ADD "DoctorId" TEXT NULL;
UPDATE "billing_payment_movements" SET "DoctorId" = (SELECT p."DoctorId" FROM "billing_payments" p WHERE p."Id" = "billing_payment_movements"."PaymentId");
CREATE INDEX "IX_billing_payment_movements_At" ON "billing_payment_movements" ("At");
