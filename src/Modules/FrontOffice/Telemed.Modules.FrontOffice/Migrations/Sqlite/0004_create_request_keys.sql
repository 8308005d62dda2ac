-- A clinic message or review request sent again with its Idempotency-Key finds the one it created: see the PostgreSQL migration of the same number.
CREATE TABLE "frontoffice_create_request_keys" (
    "UserId" TEXT NOT NULL,
    "Operation" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "ResourceId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_frontoffice_create_request_keys" PRIMARY KEY ("UserId", "Operation", "Key")
);
CREATE INDEX "IX_frontoffice_create_request_keys_CreatedAt" ON "frontoffice_create_request_keys" ("CreatedAt");
