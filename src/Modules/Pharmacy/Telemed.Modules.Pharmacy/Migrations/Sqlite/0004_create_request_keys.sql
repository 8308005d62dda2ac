-- A new pharmacy sent again with its Idempotency-Key finds the pharmacy it created: see the PostgreSQL migration of the same number.
CREATE TABLE "pharmacy_create_request_keys" (
    "UserId" TEXT NOT NULL,
    "Operation" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "ResourceId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_pharmacy_create_request_keys" PRIMARY KEY ("UserId", "Operation", "Key")
);
CREATE INDEX "IX_pharmacy_create_request_keys_CreatedAt" ON "pharmacy_create_request_keys" ("CreatedAt");
