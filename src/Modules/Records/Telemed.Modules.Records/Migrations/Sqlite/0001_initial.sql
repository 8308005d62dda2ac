CREATE TABLE "records_documents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_records_documents" PRIMARY KEY,
    "PatientId" TEXT NOT NULL,
    "UploaderUserId" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "DocumentDate" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "ScanDetail" TEXT NULL,
    "UploadedAt" TEXT NOT NULL,
    "ScannedAt" TEXT NULL,
    "Sharing" TEXT NOT NULL,
    "SharedWithDoctorUserId" TEXT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "records_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_records_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE INDEX "IX_records_documents_PatientId_DocumentDate" ON "records_documents" ("PatientId", "DocumentDate");


CREATE INDEX "IX_records_documents_Status_UploadedAt" ON "records_documents" ("Status", "UploadedAt");


CREATE INDEX "IX_records_outbox_ProcessedAt_CreatedAt" ON "records_outbox" ("ProcessedAt", "CreatedAt");


