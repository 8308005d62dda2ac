-- A patient's new conversation sent again with its Idempotency-Key (the answer was lost, a second click) finds the conversation it
-- started instead of starting another with the same first message (docs/api-v1.md, "Retrying a create"): the key is kept in the
-- conversation's transaction.
CREATE TABLE consultations.create_request_keys (
    "UserId" uuid NOT NULL,
    "Operation" character varying(64) NOT NULL,
    "Key" character varying(100) NOT NULL,
    "RequestHash" character varying(64) NOT NULL,
    "ResourceId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_create_request_keys" PRIMARY KEY ("UserId", "Operation", "Key")
);
-- CreateRequestKeyRetention deletes keys a week old, oldest first.
CREATE INDEX "IX_create_request_keys_CreatedAt" ON consultations.create_request_keys ("CreatedAt");
