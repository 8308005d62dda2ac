CREATE INDEX "IX_time_blocks_DoctorId_Granule_ExpiresAt" ON scheduling.time_blocks ("DoctorId", "Granule", "ExpiresAt");
