-- The hash chain in a table of its own (docs/adr/0004-audit-sealed-later.md, "The chain in a table of its own"): the sealer
-- appends one narrow row per entry instead of rewriting the entry (a non-HOT update of a wide row with seven indexes).
-- Entries sealed before keep their place and hash: their links move over as they are.
CREATE TABLE audit.chain (
    "Sequence" bigint NOT NULL,
    "EntryId" bigint NOT NULL,
    "PreviousHash" character varying(64) NOT NULL,
    "Hash" character varying(64) NOT NULL,
    CONSTRAINT "PK_chain" PRIMARY KEY ("Sequence")
);
INSERT INTO audit.chain ("Sequence", "EntryId", "PreviousHash", "Hash")
SELECT "Sequence", "Id", "PreviousHash", "Hash" FROM audit.entries WHERE "Sequence" IS NOT NULL;
CREATE UNIQUE INDEX "IX_chain_EntryId" ON audit.chain ("EntryId");
DROP INDEX audit."IX_entries_Id";
DROP INDEX audit."IX_entries_Sequence";
ALTER TABLE audit.entries DROP COLUMN "Sequence", DROP COLUMN "PreviousHash", DROP COLUMN "Hash";
-- Where the sealer's search for unsealed entries starts, and the next step of it (AuditSealer).
ALTER TABLE audit.head ADD COLUMN "SealedThroughId" bigint, ADD COLUMN "FloorCandidateId" bigint,
    ADD COLUMN "FloorCandidateXid" bigint, ADD COLUMN "FloorCandidateAt" timestamp with time zone;
