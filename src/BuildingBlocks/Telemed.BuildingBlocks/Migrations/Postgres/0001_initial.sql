DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'security') THEN
        CREATE SCHEMA security;
    END IF;
END $EF$;


CREATE TABLE security.data_keys (
    "Id" character varying(64) NOT NULL,
    "MasterKeyId" character varying(64) NOT NULL,
    "WrappedKey" bytea NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "RetiredAt" timestamp with time zone,
    CONSTRAINT "PK_data_keys" PRIMARY KEY ("Id")
);


CREATE TABLE security.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON security.outbox ("ProcessedAt", "CreatedAt");


