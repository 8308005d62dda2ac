-- Clinic analytics roll-up (docs/analytics.md): see the PostgreSQL migration of the same number.
CREATE TABLE "scheduling_visit_day_rollups" (
    "ClinicId" TEXT NOT NULL,
    "DoctorId" TEXT NOT NULL,
    "UtcDay" TEXT NOT NULL,
    "LocalDay" TEXT NOT NULL,
    "Upcoming" INTEGER NOT NULL,
    "Completed" INTEGER NOT NULL,
    "Cancelled" INTEGER NOT NULL,
    "NoShows" INTEGER NOT NULL,
    "BookedSeconds" INTEGER NOT NULL,
    CONSTRAINT "PK_scheduling_visit_day_rollups" PRIMARY KEY ("ClinicId", "DoctorId", "UtcDay", "LocalDay")
);
CREATE INDEX "IX_scheduling_visit_day_rollups_UtcDay" ON "scheduling_visit_day_rollups" ("UtcDay");
CREATE INDEX "IX_scheduling_visit_day_rollups_ClinicId_LocalDay" ON "scheduling_visit_day_rollups" ("ClinicId", "LocalDay");

CREATE TABLE "scheduling_visit_day_totals" (
    "ClinicId" TEXT NOT NULL,
    "UtcDay" TEXT NOT NULL,
    "LocalDay" TEXT NOT NULL,
    "Upcoming" INTEGER NOT NULL,
    "Completed" INTEGER NOT NULL,
    "Cancelled" INTEGER NOT NULL,
    "NoShows" INTEGER NOT NULL,
    CONSTRAINT "PK_scheduling_visit_day_totals" PRIMARY KEY ("ClinicId", "UtcDay", "LocalDay")
);
CREATE INDEX "IX_scheduling_visit_day_totals_UtcDay" ON "scheduling_visit_day_totals" ("UtcDay");
CREATE INDEX "IX_scheduling_visit_day_totals_ClinicId_LocalDay" ON "scheduling_visit_day_totals" ("ClinicId", "LocalDay");

CREATE TABLE "scheduling_rollup_marks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_scheduling_rollup_marks" PRIMARY KEY,
    "Day" TEXT NOT NULL
);
-- Every day with appointments is out of date at first: the refresher builds the roll-up after the upgrade.
INSERT INTO "scheduling_rollup_marks" ("Id", "Day")
SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12)), d
FROM (SELECT lower(hex(randomblob(16))) AS h, d FROM (SELECT DISTINCT date("Start") AS d FROM "scheduling_appointments"));
