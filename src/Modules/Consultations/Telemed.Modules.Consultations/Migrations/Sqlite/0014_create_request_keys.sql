-- A new conversation sent again with its Idempotency-Key finds the conversation it started: see the PostgreSQL migration of the same number.
CREATE TABLE "consultations_create_request_keys" (
    "UserId" TEXT NOT NULL,
    "Operation" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "ResourceId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_consultations_create_request_keys" PRIMARY KEY ("UserId", "Operation", "Key")
);
CREATE INDEX "IX_consultations_create_request_keys_CreatedAt" ON "consultations_create_request_keys" ("CreatedAt");
