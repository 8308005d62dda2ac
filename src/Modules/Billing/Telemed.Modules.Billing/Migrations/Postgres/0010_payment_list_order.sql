-- The administrator's payment list (GET /api/v1/admin/payments) is newest first by "CreatedAt", the id breaking ties
-- (ORDER BY "CreatedAt" DESC, "Id" DESC LIMIT 50 OFFSET n): these indexes are read backwards in that order and stop after the page,
-- for every clinic and for one, instead of sorting every payment for each page.
CREATE INDEX "IX_payments_CreatedAt_Id" ON billing.payments ("CreatedAt", "Id");
CREATE INDEX "IX_payments_ClinicId_CreatedAt_Id" ON billing.payments ("ClinicId", "CreatedAt", "Id");
