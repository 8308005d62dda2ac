-- Dependents: a guardian's account linked to a child's patient record.
CREATE TABLE "directory_patient_guardians" (
    "PatientId" TEXT NOT NULL,
    "GuardianUserId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_directory_patient_guardians" PRIMARY KEY ("PatientId", "GuardianUserId"),
    CONSTRAINT "FK_directory_patient_guardians_directory_patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "directory_patients" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_directory_patient_guardians_GuardianUserId" ON "directory_patient_guardians" ("GuardianUserId");
