-- The notification centre: each user's in-app notifications (title encrypted), one per source event and recipient.
CREATE TABLE notifications.inbox (
    "Id" uuid NOT NULL,
    "RecipientUserId" uuid NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "Title" text NOT NULL,
    "Link" character varying(300) NOT NULL,
    "SourceEventId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ReadAt" timestamp with time zone,
    CONSTRAINT "PK_inbox" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_inbox_CreatedAt" ON notifications.inbox ("CreatedAt");

CREATE INDEX "IX_inbox_RecipientUserId_CreatedAt" ON notifications.inbox ("RecipientUserId", "CreatedAt");

CREATE UNIQUE INDEX "IX_inbox_RecipientUserId_SourceEventId" ON notifications.inbox ("RecipientUserId", "SourceEventId");
