-- Dependents: a guardian's account linked to a child's patient record.
CREATE TABLE directory.patient_guardians (
    "PatientId" uuid NOT NULL,
    "GuardianUserId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_patient_guardians" PRIMARY KEY ("PatientId", "GuardianUserId"),
    CONSTRAINT "FK_patient_guardians_patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES directory.patients ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_patient_guardians_GuardianUserId" ON directory.patient_guardians ("GuardianUserId");
