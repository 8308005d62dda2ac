CREATE TABLE "clinical_clinic_jurisdictions" (
    "ClinicId" TEXT NOT NULL CONSTRAINT "PK_clinical_clinic_jurisdictions" PRIMARY KEY,
    "Code" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE TABLE "clinical_icd10_codes" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_clinical_icd10_codes" PRIMARY KEY,
    "TitleEn" TEXT NOT NULL,
    "TitleRu" TEXT NOT NULL,
    "Edition" TEXT NOT NULL,
    "SearchText" TEXT NOT NULL
);


CREATE TABLE "clinical_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_clinical_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "clinical_visit_protocols" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_clinical_visit_protocols" PRIMARY KEY,
    "ConsultationId" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "PatientUserId" TEXT NOT NULL,
    "DoctorUserId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Complaints" TEXT NOT NULL,
    "HistoryOfPresentIllness" TEXT NOT NULL,
    "ObjectiveFindings" TEXT NOT NULL,
    "Recommendations" TEXT NOT NULL,
    "DiagnosesJson" TEXT NOT NULL,
    "ReferralsJson" TEXT NOT NULL,
    "FollowUpOn" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE INDEX "IX_clinical_outbox_ProcessedAt_CreatedAt" ON "clinical_outbox" ("ProcessedAt", "CreatedAt");


CREATE UNIQUE INDEX "IX_clinical_visit_protocols_ConsultationId" ON "clinical_visit_protocols" ("ConsultationId");


CREATE INDEX "IX_clinical_visit_protocols_PatientId" ON "clinical_visit_protocols" ("PatientId");


