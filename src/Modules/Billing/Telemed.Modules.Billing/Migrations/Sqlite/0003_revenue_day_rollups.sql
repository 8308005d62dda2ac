-- Clinic analytics roll-up (docs/analytics.md): see the PostgreSQL migration of the same number.
CREATE TABLE "billing_revenue_day_rollups" (
    "Currency" TEXT NOT NULL,
    "ClinicId" TEXT NOT NULL,
    "DoctorId" TEXT NOT NULL,
    "UtcDay" TEXT NOT NULL,
    "LocalDay" TEXT NOT NULL,
    "CapturedMinor" INTEGER NOT NULL,
    "RefundedMinor" INTEGER NOT NULL,
    CONSTRAINT "PK_billing_revenue_day_rollups" PRIMARY KEY ("ClinicId", "DoctorId", "Currency", "UtcDay", "LocalDay")
);
CREATE INDEX "IX_billing_revenue_day_rollups_UtcDay" ON "billing_revenue_day_rollups" ("UtcDay");
CREATE INDEX "IX_billing_revenue_day_rollups_ClinicId_LocalDay" ON "billing_revenue_day_rollups" ("ClinicId", "LocalDay");

CREATE TABLE "billing_revenue_day_totals" (
    "Currency" TEXT NOT NULL,
    "ClinicId" TEXT NOT NULL,
    "UtcDay" TEXT NOT NULL,
    "LocalDay" TEXT NOT NULL,
    "CapturedMinor" INTEGER NOT NULL,
    "RefundedMinor" INTEGER NOT NULL,
    CONSTRAINT "PK_billing_revenue_day_totals" PRIMARY KEY ("ClinicId", "Currency", "UtcDay", "LocalDay")
);
CREATE INDEX "IX_billing_revenue_day_totals_UtcDay" ON "billing_revenue_day_totals" ("UtcDay");
CREATE INDEX "IX_billing_revenue_day_totals_ClinicId_LocalDay" ON "billing_revenue_day_totals" ("ClinicId", "LocalDay");

CREATE TABLE "billing_rollup_marks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_billing_rollup_marks" PRIMARY KEY,
    "Day" TEXT NOT NULL
);
-- Every day with movements is out of date at first: the refresher builds the roll-up after the upgrade.
INSERT INTO "billing_rollup_marks" ("Id", "Day")
SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12)), d
FROM (SELECT lower(hex(randomblob(16))) AS h, d FROM (SELECT DISTINCT date("At") AS d FROM "billing_payment_movements"));
