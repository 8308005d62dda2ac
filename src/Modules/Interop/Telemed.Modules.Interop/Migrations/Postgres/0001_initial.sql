DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'interop') THEN
        CREATE SCHEMA interop;
    END IF;
END $EF$;


CREATE TABLE interop.import_ledger (
    "Id" uuid NOT NULL,
    "SourceSystem" character varying(200) NOT NULL,
    "ResourceType" character varying(64) NOT NULL,
    "SourceKey" character varying(100) NOT NULL,
    "ContentHash" character varying(64) NOT NULL,
    "PatientId" uuid NOT NULL,
    "TargetRef" character varying(100) NOT NULL,
    "ImportedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_import_ledger" PRIMARY KEY ("Id")
);


CREATE TABLE interop.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE INDEX "IX_import_ledger_PatientId" ON interop.import_ledger ("PatientId");


CREATE UNIQUE INDEX "IX_import_ledger_SourceSystem_ResourceType_SourceKey" ON interop.import_ledger ("SourceSystem", "ResourceType", "SourceKey");


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON interop.outbox ("ProcessedAt", "CreatedAt");
