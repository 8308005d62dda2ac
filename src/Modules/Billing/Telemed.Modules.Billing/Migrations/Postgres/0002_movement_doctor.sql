-- Clinic analytics (docs/analytics.md): each ledger movement carries its payment's doctor, so revenue by doctor and specialty is
-- a range scan of the ledger rather than a join to payments (whose generic prepared plan looked payments up one movement at a time).
ALTER TABLE billing.payment_movements ADD "DoctorId" uuid;
UPDATE billing.payment_movements m SET "DoctorId" = p."DoctorId" FROM billing.payments p WHERE p."Id" = m."PaymentId";
CREATE INDEX "IX_payment_movements_At" ON billing.payment_movements ("At") INCLUDE ("Type", "Currency", "AmountMinor", "ClinicId", "DoctorId");
