-- Entries are written on the request path unsealed (no sequence, no hash), in the transaction of the change they
-- describe, and chained later by the sealer (docs/adr/0004-audit-sealed-later.md). Existing entries keep their
-- sequence and hash; their id is their sequence. SQLite cannot change a primary key in place: the table is rebuilt.
CREATE TABLE "audit_entries_sealed_later" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_audit_entries" PRIMARY KEY AUTOINCREMENT,
    "Sequence" INTEGER NULL,
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
    "PreviousHash" TEXT NULL,
    "Hash" TEXT NULL
);
INSERT INTO "audit_entries_sealed_later" ("Id", "Sequence", "OccurredAt", "ActorId", "ActorDisplay", "IpAddress", "Action", "RecordType",
    "RecordId", "Outcome", "Reason", "BreakGlass", "PreviousHash", "Hash")
SELECT "Sequence", "Sequence", "OccurredAt", "ActorId", "ActorDisplay", "IpAddress", "Action", "RecordType",
    "RecordId", "Outcome", "Reason", "BreakGlass", "PreviousHash", "Hash" FROM "audit_entries";
DROP TABLE "audit_entries";
ALTER TABLE "audit_entries_sealed_later" RENAME TO "audit_entries";
CREATE INDEX "IX_audit_entries_ActorId_OccurredAt" ON "audit_entries" ("ActorId", "OccurredAt");
CREATE INDEX "IX_audit_entries_OccurredAt" ON "audit_entries" ("OccurredAt");
CREATE INDEX "IX_audit_entries_RecordType_RecordId" ON "audit_entries" ("RecordType", "RecordId");
CREATE UNIQUE INDEX "IX_audit_entries_Sequence" ON "audit_entries" ("Sequence");
-- The sealer's queue: only unsealed rows are in this index.
CREATE INDEX "IX_audit_entries_Id" ON "audit_entries" ("Id") WHERE "Sequence" IS NULL;
