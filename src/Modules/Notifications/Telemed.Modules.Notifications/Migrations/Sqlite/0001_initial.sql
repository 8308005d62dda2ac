CREATE TABLE "notifications_development_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_notifications_development_outbox" PRIMARY KEY,
    "Channel" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    "Subject" TEXT NULL,
    "Body" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);


CREATE TABLE "notifications_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_notifications_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE INDEX "IX_notifications_development_outbox_Channel_CreatedAt" ON "notifications_development_outbox" ("Channel", "CreatedAt");


CREATE INDEX "IX_notifications_outbox_ProcessedAt_CreatedAt" ON "notifications_outbox" ("ProcessedAt", "CreatedAt");


