CREATE TABLE privacy.erasure_requests (
    "Id" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "PatientUserId" uuid NOT NULL,
    "RequestedByUserId" uuid NOT NULL,
    "Reason" text,
    "Status" character varying(16) NOT NULL,
    "RequestedAt" timestamp with time zone NOT NULL,
    "DecidedAt" timestamp with time zone,
    "DecidedByUserId" uuid,
    "DeclineReason" text,
    "StepsDone" character varying(200) NOT NULL,
    "FailedStep" character varying(32),
    "KeptJson" text,
    "CompletedAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_erasure_requests" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_erasure_requests_PatientId_RequestedAt" ON privacy.erasure_requests ("PatientId", "RequestedAt");

CREATE INDEX "IX_erasure_requests_Status_RequestedAt" ON privacy.erasure_requests ("Status", "RequestedAt");
