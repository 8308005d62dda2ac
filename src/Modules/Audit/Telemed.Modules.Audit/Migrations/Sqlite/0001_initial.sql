CREATE TABLE "audit_entries" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_audit_entries" PRIMARY KEY,
    "OccurredAt" TEXT NOT NULL,
    "ActorId" TEXT NULL,
    "ActorDisplay" TEXT NULL,
    "IpAddress" TEXT NULL,
    "Action" TEXT NOT NULL,
    "RecordType" TEXT NULL,
    "RecordId" TEXT NULL,
    "Outcome" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "BreakGlass" INTEGER NOT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);


CREATE TABLE "audit_head" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_audit_head" PRIMARY KEY,
    "LastSequence" INTEGER NOT NULL,
    "LastHash" TEXT NOT NULL
);


CREATE TABLE "audit_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_audit_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE INDEX "IX_audit_entries_ActorId_OccurredAt" ON "audit_entries" ("ActorId", "OccurredAt");


CREATE INDEX "IX_audit_entries_OccurredAt" ON "audit_entries" ("OccurredAt");


CREATE INDEX "IX_audit_entries_RecordType_RecordId" ON "audit_entries" ("RecordType", "RecordId");


CREATE INDEX "IX_audit_outbox_ProcessedAt_CreatedAt" ON "audit_outbox" ("ProcessedAt", "CreatedAt");


