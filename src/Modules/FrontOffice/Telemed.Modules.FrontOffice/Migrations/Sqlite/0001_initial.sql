CREATE TABLE "frontoffice_clinic_messages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_frontoffice_clinic_messages" PRIMARY KEY,
    "PatientId" TEXT NOT NULL,
    "PatientUserId" TEXT NOT NULL,
    "Author" TEXT NOT NULL,
    "AuthorUserId" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "SentAt" TEXT NOT NULL,
    "ReadAt" TEXT NULL
);


CREATE TABLE "frontoffice_review_flags" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_frontoffice_review_flags" PRIMARY KEY,
    "PatientId" TEXT NOT NULL,
    "DoctorUserId" TEXT NOT NULL,
    "RaisedByUserId" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "RaisedAt" TEXT NOT NULL,
    "ResolvedAt" TEXT NULL,
    "ResolutionNote" TEXT NOT NULL
);


CREATE TABLE "frontoffice_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_frontoffice_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE INDEX "IX_frontoffice_clinic_messages_PatientId_SentAt" ON "frontoffice_clinic_messages" ("PatientId", "SentAt");


CREATE INDEX "IX_frontoffice_review_flags_DoctorUserId_ResolvedAt" ON "frontoffice_review_flags" ("DoctorUserId", "ResolvedAt");


CREATE INDEX "IX_frontoffice_review_flags_PatientId_RaisedAt" ON "frontoffice_review_flags" ("PatientId", "RaisedAt");


CREATE INDEX "IX_frontoffice_outbox_ProcessedAt_CreatedAt" ON "frontoffice_outbox" ("ProcessedAt", "CreatedAt");
