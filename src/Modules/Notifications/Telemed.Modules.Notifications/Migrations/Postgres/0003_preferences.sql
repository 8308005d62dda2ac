-- Notification preferences: only the choices a user made (topic x channel on/off); a missing row is on.
CREATE TABLE notifications.preferences (
    "UserId" uuid NOT NULL,
    "Topic" character varying(32) NOT NULL,
    "Channel" character varying(16) NOT NULL,
    "Enabled" boolean NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_preferences" PRIMARY KEY ("UserId", "Topic", "Channel")
);
