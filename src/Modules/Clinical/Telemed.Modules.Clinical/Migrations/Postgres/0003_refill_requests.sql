-- Refill requests: a patient's request for more of an active prescription, queued for the prescriber (note and decline reason encrypted).
CREATE TABLE clinical.refill_requests (
    "Id" uuid NOT NULL,
    "PrescriptionId" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "RequestedByUserId" uuid NOT NULL,
    "AssignedDoctorUserId" uuid NOT NULL,
    "Status" character varying(16) NOT NULL,
    "PatientNote" text,
    "DeclineReason" text,
    "NewPrescriptionId" uuid,
    "RequestedAt" timestamp with time zone NOT NULL,
    "DecidedAt" timestamp with time zone,
    CONSTRAINT "PK_refill_requests" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_refill_requests_AssignedDoctorUserId" ON clinical.refill_requests ("AssignedDoctorUserId");
CREATE INDEX "IX_refill_requests_NewPrescriptionId" ON clinical.refill_requests ("NewPrescriptionId");
CREATE INDEX "IX_refill_requests_PrescriptionId" ON clinical.refill_requests ("PrescriptionId");
