ALTER TABLE "consultations_consultations" ADD COLUMN "CalledBackAt" TEXT NULL;
ALTER TABLE "consultations_consultations" ADD COLUMN "EscalationDismissedAt" TEXT NULL;

CREATE TABLE "consultations_complaint_drafts" (
    "AppointmentId" TEXT NOT NULL CONSTRAINT "PK_consultations_complaint_drafts" PRIMARY KEY,
    "PatientUserId" TEXT NOT NULL,
    "Json" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);
