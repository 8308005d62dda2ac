-- Drafts by when they were last saved: the hourly retention pass (ComplaintDraftRetention) reads the abandoned ones oldest first
-- and stops, instead of reading every draft.
CREATE INDEX "IX_complaint_drafts_UpdatedAt" ON consultations.complaint_drafts ("UpdatedAt");
