-- A failed delivery waits out a back-off before its next attempt (OutboxRetries.Backoff): null means due at once.
ALTER TABLE "directory_outbox" ADD COLUMN "NextAttemptAt" TEXT NULL;
