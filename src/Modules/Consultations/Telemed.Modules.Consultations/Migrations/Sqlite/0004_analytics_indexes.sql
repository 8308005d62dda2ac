-- Clinic analytics (docs/analytics.md): waits by waiting-room entry, specialties by scheduled start or (on demand) creation.
CREATE INDEX "IX_consultations_consultations_EnteredWaitingAt" ON "consultations_consultations" ("EnteredWaitingAt") WHERE "StartedAt" IS NOT NULL;
CREATE INDEX "IX_consultations_consultations_ScheduledStart" ON "consultations_consultations" ("ScheduledStart");
CREATE INDEX "IX_consultations_CreatedAt_unscheduled" ON "consultations_consultations" ("CreatedAt") WHERE "ScheduledStart" IS NULL;
