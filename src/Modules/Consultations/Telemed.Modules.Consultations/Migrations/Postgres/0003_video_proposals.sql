CREATE TABLE consultations.video_proposals (
    "ConsultationId" uuid NOT NULL,
    "ProposedBy" character varying(16) NOT NULL,
    "ProposedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_video_proposals" PRIMARY KEY ("ConsultationId")
);

CREATE INDEX "IX_video_proposals_ExpiresAt" ON consultations.video_proposals ("ExpiresAt");
