CREATE TABLE "labs_orders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_labs_orders" PRIMARY KEY,
    "PatientId" TEXT NOT NULL,
    "DoctorUserId" TEXT NOT NULL,
    "ConsultationId" TEXT NOT NULL,
    "ClinicId" TEXT NULL,
    "Tests" TEXT NOT NULL,
    "PartnerLabId" TEXT NULL,
    "ExternalIds" TEXT NULL,
    "Status" TEXT NOT NULL,
    "OrderedAt" TEXT NOT NULL,
    "SentAt" TEXT NULL,
    "LastPolledAt" TEXT NULL,
    "SendAttemptAt" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "labs_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_labs_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "labs_partner_labs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_labs_partner_labs" PRIMARY KEY,
    "ClinicId" TEXT NULL,
    "Name" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "FhirBaseUrl" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE TABLE "labs_reports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_labs_reports" PRIMARY KEY,
    "OrderId" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "DoctorUserId" TEXT NOT NULL,
    "ExternalId" TEXT NOT NULL,
    "PanelCode" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Values" TEXT NOT NULL,
    "DoctorNote" TEXT NULL,
    "CriticalCount" INTEGER NOT NULL,
    "AllNormal" INTEGER NOT NULL,
    "IssuedAt" TEXT NOT NULL,
    "ReceivedAt" TEXT NOT NULL,
    "ReleasedAt" TEXT NULL,
    "ReleasedAutomatically" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);


CREATE INDEX "IX_labs_orders_ConsultationId" ON "labs_orders" ("ConsultationId");


CREATE INDEX "IX_labs_orders_PatientId" ON "labs_orders" ("PatientId");


CREATE INDEX "IX_labs_orders_Status_LastPolledAt" ON "labs_orders" ("Status", "LastPolledAt");


CREATE INDEX "IX_labs_orders_Status_SendAttemptAt" ON "labs_orders" ("Status", "SendAttemptAt");


CREATE INDEX "IX_labs_outbox_ProcessedAt_CreatedAt" ON "labs_outbox" ("ProcessedAt", "CreatedAt");


CREATE INDEX "IX_labs_reports_DoctorUserId_ReceivedAt" ON "labs_reports" ("DoctorUserId", "ReceivedAt");


CREATE UNIQUE INDEX "IX_labs_reports_OrderId_ExternalId" ON "labs_reports" ("OrderId", "ExternalId");


CREATE INDEX "IX_labs_reports_PatientId_Status" ON "labs_reports" ("PatientId", "Status");


CREATE INDEX "IX_labs_reports_Status_ReceivedAt" ON "labs_reports" ("Status", "ReceivedAt");


