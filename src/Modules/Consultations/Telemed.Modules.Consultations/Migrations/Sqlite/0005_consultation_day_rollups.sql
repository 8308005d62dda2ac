-- Clinic analytics roll-up (docs/analytics.md): see the PostgreSQL migration of the same number.
CREATE TABLE "consultations_consultation_day_rollups" (
    "ClinicId" TEXT NOT NULL,
    "Specialty" TEXT NOT NULL,
    "UtcDay" TEXT NOT NULL,
    "LocalDay" TEXT NOT NULL,
    "Total" INTEGER NOT NULL,
    "Completed" INTEGER NOT NULL,
    "Accepted" INTEGER NOT NULL,
    "WaitSeconds" REAL NOT NULL,
    CONSTRAINT "PK_consultations_consultation_day_rollups" PRIMARY KEY ("ClinicId", "Specialty", "UtcDay", "LocalDay")
);
CREATE INDEX "IX_consultations_consultation_day_rollups_UtcDay" ON "consultations_consultation_day_rollups" ("UtcDay");
CREATE INDEX "IX_consultations_consultation_day_rollups_ClinicId_LocalDay" ON "consultations_consultation_day_rollups" ("ClinicId", "LocalDay");

CREATE TABLE "consultations_rollup_marks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_consultations_rollup_marks" PRIMARY KEY,
    "Day" TEXT NOT NULL
);
-- Every day with consultations is out of date at first: the refresher builds the roll-up after the upgrade.
INSERT INTO "consultations_rollup_marks" ("Id", "Day")
SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12)), d
FROM (SELECT lower(hex(randomblob(16))) AS h, d FROM (
    SELECT date("ScheduledStart") AS d FROM "consultations_consultations" WHERE "ScheduledStart" IS NOT NULL
    UNION SELECT date("CreatedAt") FROM "consultations_consultations"
    UNION SELECT date("EnteredWaitingAt") FROM "consultations_consultations" WHERE "EnteredWaitingAt" IS NOT NULL));
