DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'notifications') THEN
        CREATE SCHEMA notifications;
    END IF;
END $EF$;


CREATE TABLE notifications.development_outbox (
    "Id" uuid NOT NULL,
    "Channel" character varying(16) NOT NULL,
    "To" text NOT NULL,
    "Subject" text,
    "Body" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_development_outbox" PRIMARY KEY ("Id")
);


CREATE TABLE notifications.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE INDEX "IX_development_outbox_Channel_CreatedAt" ON notifications.development_outbox ("Channel", "CreatedAt");


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON notifications.outbox ("ProcessedAt", "CreatedAt");


