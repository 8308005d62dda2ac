DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'frontoffice') THEN
        CREATE SCHEMA frontoffice;
    END IF;
END $EF$;


CREATE TABLE frontoffice.clinic_messages (
    "Id" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "PatientUserId" uuid NOT NULL,
    "Author" character varying(16) NOT NULL,
    "AuthorUserId" uuid NOT NULL,
    "Body" text NOT NULL,
    "SentAt" timestamp with time zone NOT NULL,
    "ReadAt" timestamp with time zone,
    CONSTRAINT "PK_clinic_messages" PRIMARY KEY ("Id")
);


CREATE TABLE frontoffice.review_flags (
    "Id" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "DoctorUserId" uuid NOT NULL,
    "RaisedByUserId" uuid NOT NULL,
    "Reason" text NOT NULL,
    "RaisedAt" timestamp with time zone NOT NULL,
    "ResolvedAt" timestamp with time zone,
    "ResolutionNote" text NOT NULL,
    CONSTRAINT "PK_review_flags" PRIMARY KEY ("Id")
);


CREATE TABLE frontoffice.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE INDEX "IX_clinic_messages_PatientId_SentAt" ON frontoffice.clinic_messages ("PatientId", "SentAt");


CREATE INDEX "IX_review_flags_DoctorUserId_ResolvedAt" ON frontoffice.review_flags ("DoctorUserId", "ResolvedAt");


CREATE INDEX "IX_review_flags_PatientId_RaisedAt" ON frontoffice.review_flags ("PatientId", "RaisedAt");


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON frontoffice.outbox ("ProcessedAt", "CreatedAt");
