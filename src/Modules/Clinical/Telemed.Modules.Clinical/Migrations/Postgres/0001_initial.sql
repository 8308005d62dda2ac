DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'clinical') THEN
        CREATE SCHEMA clinical;
    END IF;
END $EF$;


CREATE TABLE clinical.clinic_jurisdictions (
    "ClinicId" uuid NOT NULL,
    "Code" character varying(16) NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_clinic_jurisdictions" PRIMARY KEY ("ClinicId")
);


CREATE TABLE clinical.icd10_codes (
    "Code" character varying(8) NOT NULL,
    "TitleEn" text NOT NULL,
    "TitleRu" text NOT NULL,
    "Edition" character varying(40) NOT NULL,
    "SearchText" text NOT NULL,
    CONSTRAINT "PK_icd10_codes" PRIMARY KEY ("Code")
);


CREATE TABLE clinical.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE TABLE clinical.protocol_addenda (
    "Id" uuid NOT NULL,
    "ProtocolId" uuid NOT NULL,
    "Text" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "SignedBy" character varying(200) NOT NULL,
    "SigningCredentialId" uuid NOT NULL,
    "Signature" text NOT NULL,
    CONSTRAINT "PK_protocol_addenda" PRIMARY KEY ("Id")
);


CREATE TABLE clinical.signing_authorities (
    "Kind" character varying(16) NOT NULL,
    "CertificateDer" text NOT NULL,
    "PrivateKey" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_signing_authorities" PRIMARY KEY ("Kind")
);


CREATE TABLE clinical.signing_credentials (
    "Id" uuid NOT NULL,
    "DoctorUserId" uuid NOT NULL,
    "SubjectName" character varying(400) NOT NULL,
    "SerialNumber" character varying(64) NOT NULL,
    "CertificateDer" text NOT NULL,
    "PrivateKey" text NOT NULL,
    "IssuedAt" timestamp with time zone NOT NULL,
    "NotAfter" timestamp with time zone NOT NULL,
    "RevokedAt" timestamp with time zone,
    "RevocationReason" character varying(32),
    CONSTRAINT "PK_signing_credentials" PRIMARY KEY ("Id")
);


CREATE TABLE clinical.visit_protocols (
    "Id" uuid NOT NULL,
    "ConsultationId" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "PatientUserId" uuid NOT NULL,
    "DoctorUserId" uuid NOT NULL,
    "Status" character varying(16) NOT NULL,
    "Complaints" text NOT NULL,
    "HistoryOfPresentIllness" text NOT NULL,
    "ObjectiveFindings" text NOT NULL,
    "Recommendations" text NOT NULL,
    "DiagnosesJson" text NOT NULL,
    "ReferralsJson" text NOT NULL,
    "FollowUpOn" date,
    "Version" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "SignedAt" timestamp with time zone,
    "SignedBy" character varying(200),
    "SigningCredentialId" uuid,
    "Signature" text,
    CONSTRAINT "PK_visit_protocols" PRIMARY KEY ("Id")
);


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON clinical.outbox ("ProcessedAt", "CreatedAt");


CREATE INDEX "IX_protocol_addenda_ProtocolId_CreatedAt" ON clinical.protocol_addenda ("ProtocolId", "CreatedAt");


CREATE INDEX "IX_signing_credentials_DoctorUserId" ON clinical.signing_credentials ("DoctorUserId");


CREATE UNIQUE INDEX "IX_signing_credentials_SerialNumber" ON clinical.signing_credentials ("SerialNumber");


CREATE UNIQUE INDEX "IX_visit_protocols_ConsultationId" ON clinical.visit_protocols ("ConsultationId");


CREATE INDEX "IX_visit_protocols_PatientId" ON clinical.visit_protocols ("PatientId");


