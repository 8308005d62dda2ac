-- A waitlist join sent again with its Idempotency-Key finds the entry it created: see the PostgreSQL migration of the same number.
CREATE TABLE "scheduling_create_request_keys" (
    "UserId" TEXT NOT NULL,
    "Operation" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "ResourceId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_scheduling_create_request_keys" PRIMARY KEY ("UserId", "Operation", "Key")
);
CREATE INDEX "IX_scheduling_create_request_keys_CreatedAt" ON "scheduling_create_request_keys" ("CreatedAt");
