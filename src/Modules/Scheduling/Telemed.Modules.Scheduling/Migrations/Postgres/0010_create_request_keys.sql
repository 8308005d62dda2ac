-- A patient's waitlist join sent again with its Idempotency-Key (the answer was lost, a second click after an error, or
-- twice at once, which the duplicate check alone, a read before the insert, let through) finds the entry it created
-- instead of adding another (docs/api-v1.md, "Retrying a create"): the key is kept in the entry's transaction. Bookings keep
-- theirs in idempotency_records.
CREATE TABLE scheduling.create_request_keys (
    "UserId" uuid NOT NULL,
    "Operation" character varying(64) NOT NULL,
    "Key" character varying(100) NOT NULL,
    "RequestHash" character varying(64) NOT NULL,
    "ResourceId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_create_request_keys" PRIMARY KEY ("UserId", "Operation", "Key")
);
-- CreateRequestKeyRetention deletes keys a week old, oldest first.
CREATE INDEX "IX_create_request_keys_CreatedAt" ON scheduling.create_request_keys ("CreatedAt");
