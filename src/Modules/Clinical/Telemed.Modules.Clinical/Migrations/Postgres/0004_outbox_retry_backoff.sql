-- A failed delivery waits out a back-off before its next attempt (OutboxRetries.Backoff): null means due at once.
ALTER TABLE clinical.outbox ADD COLUMN "NextAttemptAt" timestamp with time zone;
