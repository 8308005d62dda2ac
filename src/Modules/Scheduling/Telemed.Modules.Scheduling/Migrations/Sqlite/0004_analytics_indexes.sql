-- Clinic analytics (docs/analytics.md): a period's appointments by start for all clinics ((ClinicId, Start) serves one clinic).
CREATE INDEX "IX_scheduling_appointments_Start" ON "scheduling_appointments" ("Start");
