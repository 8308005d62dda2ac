-- Refill requests: a patient's request for more of an active prescription, queued for the prescriber (note and decline reason encrypted).
CREATE TABLE "clinical_refill_requests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_clinical_refill_requests" PRIMARY KEY,
    "PrescriptionId" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "RequestedByUserId" TEXT NOT NULL,
    "AssignedDoctorUserId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "PatientNote" TEXT NULL,
    "DeclineReason" TEXT NULL,
    "NewPrescriptionId" TEXT NULL,
    "RequestedAt" TEXT NOT NULL,
    "DecidedAt" TEXT NULL
);
CREATE INDEX "IX_clinical_refill_requests_AssignedDoctorUserId" ON "clinical_refill_requests" ("AssignedDoctorUserId");
CREATE INDEX "IX_clinical_refill_requests_NewPrescriptionId" ON "clinical_refill_requests" ("NewPrescriptionId");
CREATE INDEX "IX_clinical_refill_requests_PrescriptionId" ON "clinical_refill_requests" ("PrescriptionId");
