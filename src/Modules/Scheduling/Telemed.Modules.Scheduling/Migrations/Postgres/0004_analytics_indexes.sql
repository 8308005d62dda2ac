-- Clinic analytics (docs/analytics.md): the dashboard reads a period's appointments by start, for all clinics or one. Both indexes
-- carry what the grouped queries read (doctor, status, end), so PostgreSQL answers them from the index alone (bench/analytics).
CREATE INDEX "IX_appointments_Start" ON scheduling.appointments ("Start") INCLUDE ("ClinicId", "DoctorId", "Status", "End");
DROP INDEX scheduling."IX_appointments_ClinicId_Start";
CREATE INDEX "IX_appointments_ClinicId_Start" ON scheduling.appointments ("ClinicId", "Start") INCLUDE ("DoctorId", "Status", "End");
