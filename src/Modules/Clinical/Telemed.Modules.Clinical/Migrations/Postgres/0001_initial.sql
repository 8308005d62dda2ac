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
    CONSTRAINT "PK_visit_protocols" PRIMARY KEY ("Id")
);


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON clinical.outbox ("ProcessedAt", "CreatedAt");


CREATE UNIQUE INDEX "IX_visit_protocols_ConsultationId" ON clinical.visit_protocols ("ConsultationId");


CREATE INDEX "IX_visit_protocols_PatientId" ON clinical.visit_protocols ("PatientId");


