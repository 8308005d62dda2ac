-- A lab order sent again with its Idempotency-Key finds the order it placed: see the PostgreSQL migration of the same number.
CREATE TABLE "labs_create_request_keys" (
    "UserId" TEXT NOT NULL,
    "Operation" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "ResourceId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_labs_create_request_keys" PRIMARY KEY ("UserId", "Operation", "Key")
);
CREATE INDEX "IX_labs_create_request_keys_CreatedAt" ON "labs_create_request_keys" ("CreatedAt");
