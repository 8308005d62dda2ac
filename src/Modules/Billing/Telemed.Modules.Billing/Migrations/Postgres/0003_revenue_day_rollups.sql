-- Clinic analytics roll-up (docs/analytics.md): the ledger's captures and refunds per currency, clinic, doctor and day, so a
-- year's revenue reads the roll-up instead of every movement. rollup_marks holds the UTC days with movements since the roll-up
-- was rebuilt (written with each movement; read around by the dashboard, emptied by the refresher).
CREATE TABLE billing.revenue_day_rollups (
    "Currency" character varying(3) NOT NULL,
    "ClinicId" uuid NOT NULL,
    "DoctorId" uuid NOT NULL,
    "UtcDay" date NOT NULL,
    "LocalDay" date NOT NULL,
    "CapturedMinor" bigint NOT NULL,
    "RefundedMinor" bigint NOT NULL,
    CONSTRAINT "PK_revenue_day_rollups" PRIMARY KEY ("ClinicId", "DoctorId", "Currency", "UtcDay", "LocalDay")
);
CREATE INDEX "IX_revenue_day_rollups_UtcDay" ON billing.revenue_day_rollups ("UtcDay")
    INCLUDE ("Currency", "ClinicId", "DoctorId", "CapturedMinor", "RefundedMinor");
CREATE INDEX "IX_revenue_day_rollups_ClinicId_LocalDay" ON billing.revenue_day_rollups ("ClinicId", "LocalDay")
    INCLUDE ("Currency", "DoctorId", "CapturedMinor", "RefundedMinor");

-- The same summed over the doctors (a row per clinic, currency and day), for revenue by period.
CREATE TABLE billing.revenue_day_totals (
    "Currency" character varying(3) NOT NULL,
    "ClinicId" uuid NOT NULL,
    "UtcDay" date NOT NULL,
    "LocalDay" date NOT NULL,
    "CapturedMinor" bigint NOT NULL,
    "RefundedMinor" bigint NOT NULL,
    CONSTRAINT "PK_revenue_day_totals" PRIMARY KEY ("ClinicId", "Currency", "UtcDay", "LocalDay")
);
CREATE INDEX "IX_revenue_day_totals_UtcDay" ON billing.revenue_day_totals ("UtcDay");
CREATE INDEX "IX_revenue_day_totals_ClinicId_LocalDay" ON billing.revenue_day_totals ("ClinicId", "LocalDay");

CREATE TABLE billing.rollup_marks (
    "Id" uuid NOT NULL,
    "Day" date NOT NULL,
    CONSTRAINT "PK_rollup_marks" PRIMARY KEY ("Id")
);
-- Every day with movements is out of date at first: the refresher builds the roll-up after the upgrade.
INSERT INTO billing.rollup_marks ("Id", "Day")
SELECT gen_random_uuid(), d FROM (SELECT DISTINCT ("At" AT TIME ZONE 'UTC')::date AS d FROM billing.payment_movements) days;
