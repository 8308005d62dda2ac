DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'consultations') THEN
        CREATE SCHEMA consultations;
    END IF;
END $EF$;


CREATE TABLE consultations.attachments (
    "Id" uuid NOT NULL,
    "UploaderUserId" uuid NOT NULL,
    "PatientId" uuid,
    "ContentType" character varying(64) NOT NULL,
    "Size" bigint NOT NULL,
    "FileName" text,
    "ScanResult" character varying(100) NOT NULL,
    "UploadedAt" timestamp with time zone NOT NULL,
    "ConversationId" uuid,
    "ConsultationId" uuid,
    CONSTRAINT "PK_attachments" PRIMARY KEY ("Id")
);


CREATE TABLE consultations.consultations (
    "Id" uuid NOT NULL,
    "Origin" character varying(16) NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "Status" character varying(16) NOT NULL,
    "PatientId" uuid NOT NULL,
    "PatientUserId" uuid NOT NULL,
    "DoctorId" uuid,
    "DoctorUserId" uuid,
    "AppointmentId" uuid,
    "ClinicId" uuid,
    "Specialty" character varying(100) NOT NULL,
    "Priority" character varying(16) NOT NULL,
    "TriageRuleCodes" character varying(1000) NOT NULL,
    "ComplaintJson" text NOT NULL,
    "ComplaintSummary" text NOT NULL,
    "ScheduledStart" timestamp with time zone,
    "WindowEnd" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    "EnteredWaitingAt" timestamp with time zone,
    "StartedAt" timestamp with time zone,
    "EndedAt" timestamp with time zone,
    "FailureReason" character varying(32),
    "FailureDetails" text,
    "Notes" text,
    "NotesUpdatedAt" timestamp with time zone,
    "Escalated" boolean NOT NULL,
    "EscalatedAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_consultations" PRIMARY KEY ("Id")
);


CREATE TABLE consultations.conversations (
    "Id" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "PatientId" uuid NOT NULL,
    "PatientUserId" uuid NOT NULL,
    "DoctorId" uuid,
    "DoctorUserId" uuid,
    "ConsultationId" uuid,
    "Subject" text,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastMessageAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_conversations" PRIMARY KEY ("Id")
);


CREATE TABLE consultations.duty (
    "DoctorUserId" uuid NOT NULL,
    "DoctorId" uuid NOT NULL,
    "Specialties" character varying(1000) NOT NULL,
    "OnDuty" boolean NOT NULL,
    "Since" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_duty" PRIMARY KEY ("DoctorUserId")
);


CREATE TABLE consultations.messages (
    "Id" uuid NOT NULL,
    "ConversationId" uuid NOT NULL,
    "SenderUserId" uuid NOT NULL,
    "SenderRole" character varying(16) NOT NULL,
    "Body" text NOT NULL,
    "AttachmentIds" character varying(400) NOT NULL,
    "ClientMessageId" character varying(64) NOT NULL,
    "SentAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_messages" PRIMARY KEY ("Id")
);


CREATE TABLE consultations.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE TABLE consultations.read_states (
    "ConversationId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "LastReadSentAt" timestamp with time zone,
    "LastReadMessageId" uuid,
    "ReadAt" timestamp with time zone,
    "NotifiedAt" timestamp with time zone,
    CONSTRAINT "PK_read_states" PRIMARY KEY ("ConversationId", "UserId")
);


CREATE INDEX "IX_attachments_UploaderUserId" ON consultations.attachments ("UploaderUserId");


CREATE UNIQUE INDEX "IX_consultations_AppointmentId" ON consultations.consultations ("AppointmentId");


CREATE INDEX "IX_consultations_DoctorUserId_Status" ON consultations.consultations ("DoctorUserId", "Status");


CREATE UNIQUE INDEX "IX_consultations_one_in_progress_per_doctor" ON consultations.consultations ("DoctorUserId") WHERE "Status" = 'InProgress';


CREATE INDEX "IX_consultations_PatientUserId_CreatedAt" ON consultations.consultations ("PatientUserId", "CreatedAt");


CREATE INDEX "IX_consultations_Status_Specialty" ON consultations.consultations ("Status", "Specialty");


CREATE UNIQUE INDEX "IX_conversations_ConsultationId" ON consultations.conversations ("ConsultationId");


CREATE INDEX "IX_conversations_DoctorUserId_LastMessageAt" ON consultations.conversations ("DoctorUserId", "LastMessageAt");


CREATE INDEX "IX_conversations_PatientUserId_LastMessageAt" ON consultations.conversations ("PatientUserId", "LastMessageAt");


CREATE UNIQUE INDEX "IX_messages_ConversationId_SenderUserId_ClientMessageId" ON consultations.messages ("ConversationId", "SenderUserId", "ClientMessageId");


CREATE INDEX "IX_messages_ConversationId_SentAt" ON consultations.messages ("ConversationId", "SentAt");


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON consultations.outbox ("ProcessedAt", "CreatedAt");


