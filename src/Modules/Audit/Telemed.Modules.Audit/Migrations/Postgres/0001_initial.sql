DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'audit') THEN
        CREATE SCHEMA audit;
    END IF;
END $EF$;


CREATE TABLE audit.entries (
    "Sequence" bigint NOT NULL,
    "OccurredAt" timestamp with time zone NOT NULL,
    "ActorId" uuid,
    "ActorDisplay" character varying(200),
    "IpAddress" character varying(64),
    "Action" character varying(64) NOT NULL,
    "RecordType" character varying(64),
    "RecordId" character varying(64),
    "Outcome" character varying(16) NOT NULL,
    "Reason" text,
    "BreakGlass" boolean NOT NULL,
    "PreviousHash" character varying(64) NOT NULL,
    "Hash" character varying(64) NOT NULL,
    CONSTRAINT "PK_entries" PRIMARY KEY ("Sequence")
);


CREATE TABLE audit.head (
    "Id" integer NOT NULL,
    "LastSequence" bigint NOT NULL,
    "LastHash" character varying(64) NOT NULL,
    CONSTRAINT "PK_head" PRIMARY KEY ("Id")
);


CREATE TABLE audit.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE INDEX "IX_entries_ActorId_OccurredAt" ON audit.entries ("ActorId", "OccurredAt");


CREATE INDEX "IX_entries_OccurredAt" ON audit.entries ("OccurredAt");


CREATE INDEX "IX_entries_RecordType_RecordId" ON audit.entries ("RecordType", "RecordId");


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON audit.outbox ("ProcessedAt", "CreatedAt");


