CREATE TABLE "privacy_erasure_requests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_privacy_erasure_requests" PRIMARY KEY,
    "PatientId" TEXT NOT NULL,
    "PatientUserId" TEXT NOT NULL,
    "RequestedByUserId" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "Status" TEXT NOT NULL,
    "RequestedAt" TEXT NOT NULL,
    "DecidedAt" TEXT NULL,
    "DecidedByUserId" TEXT NULL,
    "DeclineReason" TEXT NULL,
    "StepsDone" TEXT NOT NULL,
    "FailedStep" TEXT NULL,
    "KeptJson" TEXT NULL,
    "CompletedAt" TEXT NULL,
    "Version" INTEGER NOT NULL
);

CREATE INDEX "IX_privacy_erasure_requests_PatientId_RequestedAt" ON "privacy_erasure_requests" ("PatientId", "RequestedAt");

CREATE INDEX "IX_privacy_erasure_requests_Status_RequestedAt" ON "privacy_erasure_requests" ("Status", "RequestedAt");
