DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'feedback') THEN
        CREATE SCHEMA feedback;
    END IF;
END $EF$;


CREATE TABLE feedback.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE TABLE feedback.reviews (
    "Id" uuid NOT NULL,
    "ConsultationId" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "PatientUserId" uuid NOT NULL,
    "AuthorUserId" uuid NOT NULL,
    "DoctorUserId" uuid NOT NULL,
    "DoctorId" uuid NOT NULL,
    "ClinicId" uuid,
    "Stars" integer NOT NULL,
    "Text" text NOT NULL,
    "Nps" integer,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Hidden" boolean NOT NULL,
    "HiddenReason" text,
    "HiddenByUserId" uuid,
    "HiddenAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_reviews" PRIMARY KEY ("Id")
);


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON feedback.outbox ("ProcessedAt", "CreatedAt");


CREATE INDEX "IX_reviews_ClinicId_CreatedAt" ON feedback.reviews ("ClinicId", "CreatedAt");


CREATE UNIQUE INDEX "IX_reviews_ConsultationId" ON feedback.reviews ("ConsultationId");


CREATE INDEX "IX_reviews_DoctorId_Hidden_CreatedAt" ON feedback.reviews ("DoctorId", "Hidden", "CreatedAt");


CREATE INDEX "IX_reviews_DoctorUserId_CreatedAt" ON feedback.reviews ("DoctorUserId", "CreatedAt");


CREATE INDEX "IX_reviews_Hidden_CreatedAt" ON feedback.reviews ("Hidden", "CreatedAt");


