-- Clinic analytics (docs/analytics.md): waits by when the patient entered the waiting room; specialties by the scheduled start, or
-- for on-demand requests by when they were asked for (the query's OR becomes a BitmapOr of the two partial indexes).
CREATE INDEX "IX_consultations_EnteredWaitingAt" ON consultations.consultations ("EnteredWaitingAt") INCLUDE ("StartedAt", "ClinicId") WHERE "StartedAt" IS NOT NULL;
CREATE INDEX "IX_consultations_ScheduledStart" ON consultations.consultations ("ScheduledStart") INCLUDE ("ClinicId", "Specialty", "Status");
CREATE INDEX "IX_consultations_CreatedAt_unscheduled" ON consultations.consultations ("CreatedAt") INCLUDE ("ClinicId", "Specialty", "Status") WHERE "ScheduledStart" IS NULL;
