-- E-prescriptions: the clinic's formulary and prescriptions (content, overrides and cancel reason encrypted).
CREATE TABLE "clinical_formulary" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_clinical_formulary" PRIMARY KEY,
    "ActiveIngredient" TEXT NOT NULL,
    "ActiveIngredientRu" TEXT NOT NULL,
    "AtcCode" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Form" TEXT NOT NULL,
    "Strength" TEXT NOT NULL,
    "DoseUnit" TEXT NOT NULL,
    "DispenseUnit" TEXT NOT NULL,
    "Route" TEXT NOT NULL,
    "MinDailyDose" TEXT NULL,
    "MaxDailyDose" TEXT NULL,
    "MinimumAgeYears" INTEGER NULL,
    "AllergyClass" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Edition" TEXT NOT NULL,
    "SearchText" TEXT NOT NULL
);

CREATE TABLE "clinical_prescriptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_clinical_prescriptions" PRIMARY KEY,
    "ConsultationId" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "PatientUserId" TEXT NOT NULL,
    "PrescriberUserId" TEXT NOT NULL,
    "ClinicId" TEXT NULL,
    "Status" TEXT NOT NULL,
    "ContentJson" TEXT NOT NULL,
    "OverridesJson" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "SignedAt" TEXT NULL,
    "SignedBy" TEXT NULL,
    "SigningCredentialId" TEXT NULL,
    "Signature" TEXT NULL,
    "VerificationCode" TEXT NULL,
    "ValidUntil" TEXT NULL,
    "CancelledAt" TEXT NULL,
    "CancelReason" TEXT NULL
);
CREATE INDEX "IX_clinical_prescriptions_ConsultationId" ON "clinical_prescriptions" ("ConsultationId");
CREATE INDEX "IX_clinical_prescriptions_PatientId" ON "clinical_prescriptions" ("PatientId");
CREATE UNIQUE INDEX "IX_clinical_prescriptions_VerificationCode" ON "clinical_prescriptions" ("VerificationCode");
