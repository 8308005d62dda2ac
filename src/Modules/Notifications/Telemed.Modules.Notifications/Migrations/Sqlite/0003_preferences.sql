-- Notification preferences: only the choices a user made (topic x channel on/off); a missing row is on.
CREATE TABLE "notifications_preferences" (
    "UserId" TEXT NOT NULL,
    "Topic" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_notifications_preferences" PRIMARY KEY ("UserId", "Topic", "Channel")
);
