CREATE INDEX "IX_scheduling_time_blocks_DoctorId_Granule_ExpiresAt" ON "scheduling_time_blocks" ("DoctorId", "Granule", "ExpiresAt");
