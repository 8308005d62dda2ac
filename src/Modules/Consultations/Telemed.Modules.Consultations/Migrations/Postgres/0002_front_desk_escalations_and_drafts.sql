ALTER TABLE consultations.consultations ADD "CalledBackAt" timestamp with time zone;
ALTER TABLE consultations.consultations ADD "EscalationDismissedAt" timestamp with time zone;

CREATE TABLE consultations.complaint_drafts (
    "AppointmentId" uuid NOT NULL,
    "PatientUserId" uuid NOT NULL,
    "Json" text NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_complaint_drafts" PRIMARY KEY ("AppointmentId")
);
