-- The administrator's payment list in its order (newest "CreatedAt" first, the id breaking ties), for every clinic and for one:
-- see the PostgreSQL migration of the same number.
CREATE INDEX "IX_billing_payments_CreatedAt_Id" ON "billing_payments" ("CreatedAt", "Id");
CREATE INDEX "IX_billing_payments_ClinicId_CreatedAt_Id" ON "billing_payments" ("ClinicId", "CreatedAt", "Id");
