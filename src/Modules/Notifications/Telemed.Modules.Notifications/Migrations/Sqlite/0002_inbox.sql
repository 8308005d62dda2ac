-- The notification centre: each user's in-app notifications (title encrypted), one per source event and recipient.
CREATE TABLE "notifications_inbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_notifications_inbox" PRIMARY KEY,
    "RecipientUserId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Link" TEXT NOT NULL,
    "SourceEventId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ReadAt" TEXT NULL
);

CREATE INDEX "IX_notifications_inbox_CreatedAt" ON "notifications_inbox" ("CreatedAt");

CREATE INDEX "IX_notifications_inbox_RecipientUserId_CreatedAt" ON "notifications_inbox" ("RecipientUserId", "CreatedAt");

CREATE UNIQUE INDEX "IX_notifications_inbox_RecipientUserId_SourceEventId" ON "notifications_inbox" ("RecipientUserId", "SourceEventId");
