-- Unread notifications only, for the capped unread count pushed with every new notification (UnreadCounts): each recipient's
-- count reads at most 100 entries of this index, however many notifications they have.
CREATE INDEX "IX_notifications_inbox_RecipientUserId_CreatedAt_Kind" ON "notifications_inbox" ("RecipientUserId", "CreatedAt", "Kind") WHERE "ReadAt" IS NULL;
