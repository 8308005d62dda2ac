-- A child added again with its Idempotency-Key finds the profile it created: see the PostgreSQL migration of the same number.
CREATE TABLE "directory_create_request_keys" (
    "UserId" TEXT NOT NULL,
    "Operation" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "ResourceId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_directory_create_request_keys" PRIMARY KEY ("UserId", "Operation", "Key")
);
CREATE INDEX "IX_directory_create_request_keys_CreatedAt" ON "directory_create_request_keys" ("CreatedAt");
