DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'records') THEN
        CREATE SCHEMA records;
    END IF;
END $EF$;


CREATE TABLE records.documents (
    "Id" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "UploaderUserId" uuid NOT NULL,
    "Type" character varying(32) NOT NULL,
    "DocumentDate" date NOT NULL,
    "Description" text NOT NULL,
    "FileName" text NOT NULL,
    "ContentType" character varying(64) NOT NULL,
    "Size" bigint NOT NULL,
    "Status" character varying(32) NOT NULL,
    "ScanDetail" character varying(200),
    "UploadedAt" timestamp with time zone NOT NULL,
    "ScannedAt" timestamp with time zone,
    "Sharing" character varying(32) NOT NULL,
    "SharedWithDoctorUserId" uuid,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_documents" PRIMARY KEY ("Id")
);


CREATE TABLE records.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE INDEX "IX_documents_PatientId_DocumentDate" ON records.documents ("PatientId", "DocumentDate");


CREATE INDEX "IX_documents_Status_UploadedAt" ON records.documents ("Status", "UploadedAt");


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON records.outbox ("ProcessedAt", "CreatedAt");


