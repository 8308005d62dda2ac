-- Clinic analytics roll-up (docs/analytics.md): a row per clinic, doctor and day of the visits' counts by status and booked
-- seconds, so a year's dashboard reads ~100k narrow rows instead of half a million appointments. rollup_marks holds the UTC
-- days changed since the roll-up was rebuilt (written with each change; read around by the dashboard, emptied by the refresher).
CREATE TABLE scheduling.visit_day_rollups (
    "ClinicId" uuid NOT NULL,
    "DoctorId" uuid NOT NULL,
    "UtcDay" date NOT NULL,
    "LocalDay" date NOT NULL,
    "Upcoming" integer NOT NULL,
    "Completed" integer NOT NULL,
    "Cancelled" integer NOT NULL,
    "NoShows" integer NOT NULL,
    "BookedSeconds" bigint NOT NULL,
    CONSTRAINT "PK_visit_day_rollups" PRIMARY KEY ("ClinicId", "DoctorId", "UtcDay", "LocalDay")
);
CREATE INDEX "IX_visit_day_rollups_UtcDay" ON scheduling.visit_day_rollups ("UtcDay")
    INCLUDE ("DoctorId", "Upcoming", "Completed", "Cancelled", "NoShows", "BookedSeconds");
CREATE INDEX "IX_visit_day_rollups_ClinicId_LocalDay" ON scheduling.visit_day_rollups ("ClinicId", "LocalDay")
    INCLUDE ("DoctorId", "Upcoming", "Completed", "Cancelled", "NoShows", "BookedSeconds");

-- The same summed over the doctors (a row per clinic and day), for the series.
CREATE TABLE scheduling.visit_day_totals (
    "ClinicId" uuid NOT NULL,
    "UtcDay" date NOT NULL,
    "LocalDay" date NOT NULL,
    "Upcoming" integer NOT NULL,
    "Completed" integer NOT NULL,
    "Cancelled" integer NOT NULL,
    "NoShows" integer NOT NULL,
    CONSTRAINT "PK_visit_day_totals" PRIMARY KEY ("ClinicId", "UtcDay", "LocalDay")
);
CREATE INDEX "IX_visit_day_totals_UtcDay" ON scheduling.visit_day_totals ("UtcDay");
CREATE INDEX "IX_visit_day_totals_ClinicId_LocalDay" ON scheduling.visit_day_totals ("ClinicId", "LocalDay");

CREATE TABLE scheduling.rollup_marks (
    "Id" uuid NOT NULL,
    "Day" date NOT NULL,
    CONSTRAINT "PK_rollup_marks" PRIMARY KEY ("Id")
);
-- Every day with appointments is out of date at first: the refresher builds the roll-up after the upgrade.
INSERT INTO scheduling.rollup_marks ("Id", "Day")
SELECT gen_random_uuid(), d FROM (SELECT DISTINCT ("Start" AT TIME ZONE 'UTC')::date AS d FROM scheduling.appointments) days;
