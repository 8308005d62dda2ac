-- A prescription sent again with its Idempotency-Key finds the draft it wrote: see the PostgreSQL migration of the same number.
CREATE TABLE "clinical_create_request_keys" (
    "UserId" TEXT NOT NULL,
    "Operation" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "ResourceId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_clinical_create_request_keys" PRIMARY KEY ("UserId", "Operation", "Key")
);
CREATE INDEX "IX_clinical_create_request_keys_CreatedAt" ON "clinical_create_request_keys" ("CreatedAt");
