CREATE TABLE "security_data_keys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_security_data_keys" PRIMARY KEY,
    "MasterKeyId" TEXT NOT NULL,
    "WrappedKey" BLOB NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "RetiredAt" TEXT NULL
);


CREATE TABLE "security_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_security_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE INDEX "IX_security_outbox_ProcessedAt_CreatedAt" ON "security_outbox" ("ProcessedAt", "CreatedAt");


