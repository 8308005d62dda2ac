CREATE TABLE "scheduling_patient_notices" (
    "EventId" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "AppointmentId" TEXT NOT NULL,
    "ClaimedAt" TEXT NOT NULL,
    "SentAt" TEXT NULL,
    CONSTRAINT "PK_scheduling_patient_notices" PRIMARY KEY ("EventId", "Channel")
);

CREATE INDEX "IX_scheduling_patient_notices_AppointmentId" ON "scheduling_patient_notices" ("AppointmentId");

ALTER TABLE "scheduling_waitlist_entries" ADD "ClosedByAppointmentId" TEXT NULL;
