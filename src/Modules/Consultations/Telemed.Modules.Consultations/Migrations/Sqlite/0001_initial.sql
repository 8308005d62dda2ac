CREATE TABLE "consultations_attachments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_consultations_attachments" PRIMARY KEY,
    "UploaderUserId" TEXT NOT NULL,
    "PatientId" TEXT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "FileName" TEXT NULL,
    "ScanResult" TEXT NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "ConversationId" TEXT NULL,
    "ConsultationId" TEXT NULL
);


CREATE TABLE "consultations_consultations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_consultations_consultations" PRIMARY KEY,
    "Origin" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "PatientUserId" TEXT NOT NULL,
    "DoctorId" TEXT NULL,
    "DoctorUserId" TEXT NULL,
    "AppointmentId" TEXT NULL,
    "ClinicId" TEXT NULL,
    "Specialty" TEXT NOT NULL,
    "Priority" TEXT NOT NULL,
    "TriageRuleCodes" TEXT NOT NULL,
    "ComplaintJson" TEXT NOT NULL,
    "ComplaintSummary" TEXT NOT NULL,
    "ScheduledStart" TEXT NULL,
    "WindowEnd" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "EnteredWaitingAt" TEXT NULL,
    "StartedAt" TEXT NULL,
    "EndedAt" TEXT NULL,
    "FailureReason" TEXT NULL,
    "FailureDetails" TEXT NULL,
    "Notes" TEXT NULL,
    "NotesUpdatedAt" TEXT NULL,
    "Escalated" INTEGER NOT NULL,
    "EscalatedAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "consultations_conversations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_consultations_conversations" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "PatientUserId" TEXT NOT NULL,
    "DoctorId" TEXT NULL,
    "DoctorUserId" TEXT NULL,
    "ConsultationId" TEXT NULL,
    "Subject" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastMessageAt" TEXT NOT NULL
);


CREATE TABLE "consultations_duty" (
    "DoctorUserId" TEXT NOT NULL CONSTRAINT "PK_consultations_duty" PRIMARY KEY,
    "DoctorId" TEXT NOT NULL,
    "Specialties" TEXT NOT NULL,
    "OnDuty" INTEGER NOT NULL,
    "Since" TEXT NOT NULL
);


CREATE TABLE "consultations_messages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_consultations_messages" PRIMARY KEY,
    "ConversationId" TEXT NOT NULL,
    "SenderUserId" TEXT NOT NULL,
    "SenderRole" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "AttachmentIds" TEXT NOT NULL,
    "ClientMessageId" TEXT NOT NULL,
    "SentAt" TEXT NOT NULL
);


CREATE TABLE "consultations_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_consultations_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "consultations_read_states" (
    "ConversationId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "LastReadSentAt" TEXT NULL,
    "LastReadMessageId" TEXT NULL,
    "ReadAt" TEXT NULL,
    "NotifiedAt" TEXT NULL,
    CONSTRAINT "PK_consultations_read_states" PRIMARY KEY ("ConversationId", "UserId")
);


CREATE INDEX "IX_consultations_attachments_UploaderUserId" ON "consultations_attachments" ("UploaderUserId");


CREATE UNIQUE INDEX "IX_consultations_consultations_AppointmentId" ON "consultations_consultations" ("AppointmentId");


CREATE INDEX "IX_consultations_consultations_DoctorUserId_Status" ON "consultations_consultations" ("DoctorUserId", "Status");


CREATE INDEX "IX_consultations_consultations_PatientUserId_CreatedAt" ON "consultations_consultations" ("PatientUserId", "CreatedAt");


CREATE INDEX "IX_consultations_consultations_Status_Specialty" ON "consultations_consultations" ("Status", "Specialty");


CREATE UNIQUE INDEX "IX_consultations_one_in_progress_per_doctor" ON "consultations_consultations" ("DoctorUserId") WHERE "Status" = 'InProgress';


CREATE UNIQUE INDEX "IX_consultations_conversations_ConsultationId" ON "consultations_conversations" ("ConsultationId");


CREATE INDEX "IX_consultations_conversations_DoctorUserId_LastMessageAt" ON "consultations_conversations" ("DoctorUserId", "LastMessageAt");


CREATE INDEX "IX_consultations_conversations_PatientUserId_LastMessageAt" ON "consultations_conversations" ("PatientUserId", "LastMessageAt");


CREATE UNIQUE INDEX "IX_consultations_messages_ConversationId_SenderUserId_ClientMessageId" ON "consultations_messages" ("ConversationId", "SenderUserId", "ClientMessageId");


CREATE INDEX "IX_consultations_messages_ConversationId_SentAt" ON "consultations_messages" ("ConversationId", "SentAt");


CREATE INDEX "IX_consultations_outbox_ProcessedAt_CreatedAt" ON "consultations_outbox" ("ProcessedAt", "CreatedAt");


