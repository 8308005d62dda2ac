-- A patient's document upload sent again with its Idempotency-Key (the answer was lost, a second click after an error) finds the document it
-- stored instead of storing another (docs/api-v1.md, "Retrying a create"): the key is kept in the document's transaction.
CREATE TABLE records.create_request_keys (
    "UserId" uuid NOT NULL,
    "Operation" character varying(64) NOT NULL,
    "Key" character varying(100) NOT NULL,
    "RequestHash" character varying(64) NOT NULL,
    "ResourceId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_create_request_keys" PRIMARY KEY ("UserId", "Operation", "Key")
);
-- CreateRequestKeyRetention deletes keys a week old, oldest first.
CREATE INDEX "IX_create_request_keys_CreatedAt" ON records.create_request_keys ("CreatedAt");
