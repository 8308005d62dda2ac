CREATE TABLE "interop_import_ledger" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_interop_import_ledger" PRIMARY KEY,
    "SourceSystem" TEXT NOT NULL,
    "ResourceType" TEXT NOT NULL,
    "SourceKey" TEXT NOT NULL,
    "ContentHash" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "TargetRef" TEXT NOT NULL,
    "ImportedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE TABLE "interop_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_interop_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE INDEX "IX_interop_import_ledger_PatientId" ON "interop_import_ledger" ("PatientId");


CREATE UNIQUE INDEX "IX_interop_import_ledger_SourceSystem_ResourceType_SourceKey" ON "interop_import_ledger" ("SourceSystem", "ResourceType", "SourceKey");


CREATE INDEX "IX_interop_outbox_ProcessedAt_CreatedAt" ON "interop_outbox" ("ProcessedAt", "CreatedAt");
