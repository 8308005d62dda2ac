CREATE TABLE "consultations_video_proposals" (
    "ConsultationId" TEXT NOT NULL CONSTRAINT "PK_consultations_video_proposals" PRIMARY KEY,
    "ProposedBy" TEXT NOT NULL,
    "ProposedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL
);

CREATE INDEX "IX_consultations_video_proposals_ExpiresAt" ON "consultations_video_proposals" ("ExpiresAt");
