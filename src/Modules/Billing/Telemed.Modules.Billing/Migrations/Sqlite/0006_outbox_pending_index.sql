-- The outbox's pending rows in claim order: the dispatcher's claim (ORDER BY "CreatedAt", "Id" LIMIT n) and the backlog gauge's
-- oldest row read them in order and stop, instead of sorting every pending row.
CREATE INDEX "IX_billing_outbox_CreatedAt_Id" ON "billing_outbox" ("CreatedAt", "Id") WHERE "ProcessedAt" IS NULL;
