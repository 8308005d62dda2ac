-- A document upload sent again with its Idempotency-Key finds the document it stored: see the PostgreSQL migration of the same number.
CREATE TABLE "records_create_request_keys" (
    "UserId" TEXT NOT NULL,
    "Operation" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "ResourceId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_records_create_request_keys" PRIMARY KEY ("UserId", "Operation", "Key")
);
CREATE INDEX "IX_records_create_request_keys_CreatedAt" ON "records_create_request_keys" ("CreatedAt");
