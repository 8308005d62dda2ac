-- The hash chain in a table of its own (docs/adr/0004-audit-sealed-later.md, "The chain in a table of its own"): the sealer
-- appends one narrow row per entry instead of rewriting the entry. Entries sealed before keep their place and hash: their
-- links move over as they are.
CREATE TABLE "audit_chain" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_audit_chain" PRIMARY KEY,
    "EntryId" INTEGER NOT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);
INSERT INTO "audit_chain" ("Sequence", "EntryId", "PreviousHash", "Hash")
SELECT "Sequence", "Id", "PreviousHash", "Hash" FROM "audit_entries" WHERE "Sequence" IS NOT NULL;
CREATE UNIQUE INDEX "IX_audit_chain_EntryId" ON "audit_chain" ("EntryId");
DROP INDEX "IX_audit_entries_Id";
DROP INDEX "IX_audit_entries_Sequence";
ALTER TABLE "audit_entries" DROP COLUMN "Sequence";
ALTER TABLE "audit_entries" DROP COLUMN "PreviousHash";
ALTER TABLE "audit_entries" DROP COLUMN "Hash";
-- Where the sealer's search for unsealed entries starts (AuditSealer).
ALTER TABLE "audit_head" ADD COLUMN "SealedThroughId" INTEGER NULL;
ALTER TABLE "audit_head" ADD COLUMN "FloorCandidateId" INTEGER NULL;
ALTER TABLE "audit_head" ADD COLUMN "FloorCandidateXid" INTEGER NULL;
ALTER TABLE "audit_head" ADD COLUMN "FloorCandidateAt" TEXT NULL;
