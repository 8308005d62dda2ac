-- Clinic analytics roll-up (docs/analytics.md): a row per clinic, specialty and day of the consultations (by scheduled start, or
-- when asked for) and of the accepted waits (by entry to the waiting room), so a year's dashboard reads a few thousand rows.
-- rollup_marks holds the UTC days changed since the roll-up was rebuilt (written with each change, emptied by the refresher).
CREATE TABLE consultations.consultation_day_rollups (
    "ClinicId" uuid NOT NULL,
    "Specialty" character varying(100) NOT NULL,
    "UtcDay" date NOT NULL,
    "LocalDay" date NOT NULL,
    "Total" integer NOT NULL,
    "Completed" integer NOT NULL,
    "Accepted" integer NOT NULL,
    "WaitSeconds" double precision NOT NULL,
    CONSTRAINT "PK_consultation_day_rollups" PRIMARY KEY ("ClinicId", "Specialty", "UtcDay", "LocalDay")
);
CREATE INDEX "IX_consultation_day_rollups_UtcDay" ON consultations.consultation_day_rollups ("UtcDay")
    INCLUDE ("Specialty", "Total", "Completed", "Accepted", "WaitSeconds");
CREATE INDEX "IX_consultation_day_rollups_ClinicId_LocalDay" ON consultations.consultation_day_rollups ("ClinicId", "LocalDay")
    INCLUDE ("Specialty", "Total", "Completed", "Accepted", "WaitSeconds");

CREATE TABLE consultations.rollup_marks (
    "Id" uuid NOT NULL,
    "Day" date NOT NULL,
    CONSTRAINT "PK_rollup_marks" PRIMARY KEY ("Id")
);
-- Every day with consultations is out of date at first: the refresher builds the roll-up after the upgrade.
INSERT INTO consultations.rollup_marks ("Id", "Day")
SELECT gen_random_uuid(), d FROM (
    SELECT ("ScheduledStart" AT TIME ZONE 'UTC')::date AS d FROM consultations.consultations WHERE "ScheduledStart" IS NOT NULL
    UNION SELECT ("CreatedAt" AT TIME ZONE 'UTC')::date FROM consultations.consultations
    UNION SELECT ("EnteredWaitingAt" AT TIME ZONE 'UTC')::date FROM consultations.consultations WHERE "EnteredWaitingAt" IS NOT NULL) days;
