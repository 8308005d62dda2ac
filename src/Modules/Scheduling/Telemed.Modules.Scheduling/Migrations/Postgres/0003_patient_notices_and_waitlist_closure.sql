CREATE TABLE scheduling.patient_notices (
    "EventId" uuid NOT NULL,
    "Channel" character varying(16) NOT NULL,
    "AppointmentId" uuid NOT NULL,
    "ClaimedAt" timestamp with time zone NOT NULL,
    "SentAt" timestamp with time zone,
    CONSTRAINT "PK_patient_notices" PRIMARY KEY ("EventId", "Channel")
);

CREATE INDEX "IX_patient_notices_AppointmentId" ON scheduling.patient_notices ("AppointmentId");

ALTER TABLE scheduling.waitlist_entries ADD "ClosedByAppointmentId" uuid;
