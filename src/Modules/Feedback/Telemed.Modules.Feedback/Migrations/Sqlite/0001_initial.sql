CREATE TABLE "feedback_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_feedback_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "feedback_reviews" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_feedback_reviews" PRIMARY KEY,
    "ConsultationId" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "PatientUserId" TEXT NOT NULL,
    "AuthorUserId" TEXT NOT NULL,
    "DoctorUserId" TEXT NOT NULL,
    "DoctorId" TEXT NOT NULL,
    "ClinicId" TEXT NULL,
    "Stars" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "Nps" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "Hidden" INTEGER NOT NULL,
    "HiddenReason" TEXT NULL,
    "HiddenByUserId" TEXT NULL,
    "HiddenAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);


CREATE INDEX "IX_feedback_outbox_ProcessedAt_CreatedAt" ON "feedback_outbox" ("ProcessedAt", "CreatedAt");


CREATE INDEX "IX_feedback_reviews_ClinicId_CreatedAt" ON "feedback_reviews" ("ClinicId", "CreatedAt");


CREATE UNIQUE INDEX "IX_feedback_reviews_ConsultationId" ON "feedback_reviews" ("ConsultationId");


CREATE INDEX "IX_feedback_reviews_DoctorId_Hidden_CreatedAt" ON "feedback_reviews" ("DoctorId", "Hidden", "CreatedAt");


CREATE INDEX "IX_feedback_reviews_DoctorUserId_CreatedAt" ON "feedback_reviews" ("DoctorUserId", "CreatedAt");


CREATE INDEX "IX_feedback_reviews_Hidden_CreatedAt" ON "feedback_reviews" ("Hidden", "CreatedAt");


