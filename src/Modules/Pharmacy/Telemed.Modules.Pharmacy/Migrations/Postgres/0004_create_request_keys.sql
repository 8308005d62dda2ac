-- An administrator's new pharmacy sent again with its Idempotency-Key (the answer was lost, a second click after an error)
-- finds the pharmacy it created instead of creating another (docs/api-v1.md, "Retrying a create"): the key is kept in the
-- pharmacy's transaction.
CREATE TABLE pharmacy.create_request_keys (
    "UserId" uuid NOT NULL,
    "Operation" character varying(64) NOT NULL,
    "Key" character varying(100) NOT NULL,
    "RequestHash" character varying(64) NOT NULL,
    "ResourceId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_create_request_keys" PRIMARY KEY ("UserId", "Operation", "Key")
);
-- CreateRequestKeyRetention deletes keys a week old, oldest first.
CREATE INDEX "IX_create_request_keys_CreatedAt" ON pharmacy.create_request_keys ("CreatedAt");
