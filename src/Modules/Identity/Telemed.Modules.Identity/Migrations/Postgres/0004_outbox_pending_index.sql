-- The outbox's pending rows in claim order: the dispatcher's claim (ORDER BY "CreatedAt", "Id" LIMIT n) and the backlog gauge's
-- oldest row read them in order and stop, instead of sorting every pending row (a 15,000-row backlog took 33 ms per claim).
CREATE INDEX "IX_outbox_CreatedAt_Id" ON identity.outbox ("CreatedAt", "Id") WHERE "ProcessedAt" IS NULL;
