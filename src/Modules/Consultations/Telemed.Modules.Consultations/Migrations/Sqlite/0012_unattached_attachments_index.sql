-- Uploads attached to nothing, oldest first: the hourly retention pass (UnattachedAttachmentRetention) reads them in order and
-- stops, instead of scanning every attachment the platform ever stored.
CREATE INDEX "IX_consultations_attachments_UploadedAt" ON "consultations_attachments" ("UploadedAt") WHERE "ConversationId" IS NULL AND "ConsultationId" IS NULL;
