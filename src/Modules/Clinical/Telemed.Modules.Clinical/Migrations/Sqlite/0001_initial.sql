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


CREATE TABLE "clinical_protocol_addenda" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_clinical_protocol_addenda" PRIMARY KEY,
    "ProtocolId" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "SignedBy" TEXT NOT NULL,
    "SigningCredentialId" TEXT NOT NULL,
    "Signature" TEXT NOT NULL
);


CREATE TABLE "clinical_signing_authorities" (
    "Kind" TEXT NOT NULL CONSTRAINT "PK_clinical_signing_authorities" PRIMARY KEY,
    "CertificateDer" TEXT NOT NULL,
    "PrivateKey" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);


CREATE TABLE "clinical_signing_credentials" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_clinical_signing_credentials" PRIMARY KEY,
    "DoctorUserId" TEXT NOT NULL,
    "SubjectName" TEXT NOT NULL,
    "SerialNumber" TEXT NOT NULL,
    "CertificateDer" TEXT NOT NULL,
    "PrivateKey" TEXT NOT NULL,
    "IssuedAt" TEXT NOT NULL,
    "NotAfter" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    "RevocationReason" TEXT NULL
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
    "UpdatedAt" TEXT NOT NULL,
    "SignedAt" TEXT NULL,
    "SignedBy" TEXT NULL,
    "SigningCredentialId" TEXT NULL,
    "Signature" TEXT NULL
);


CREATE INDEX "IX_clinical_outbox_ProcessedAt_CreatedAt" ON "clinical_outbox" ("ProcessedAt", "CreatedAt");


CREATE INDEX "IX_clinical_protocol_addenda_ProtocolId_CreatedAt" ON "clinical_protocol_addenda" ("ProtocolId", "CreatedAt");


CREATE INDEX "IX_clinical_signing_credentials_DoctorUserId" ON "clinical_signing_credentials" ("DoctorUserId");


CREATE UNIQUE INDEX "IX_clinical_signing_credentials_SerialNumber" ON "clinical_signing_credentials" ("SerialNumber");


CREATE UNIQUE INDEX "IX_clinical_visit_protocols_ConsultationId" ON "clinical_visit_protocols" ("ConsultationId");


CREATE INDEX "IX_clinical_visit_protocols_PatientId" ON "clinical_visit_protocols" ("PatientId");


