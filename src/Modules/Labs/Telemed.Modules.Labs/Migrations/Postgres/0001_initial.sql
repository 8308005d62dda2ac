DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'labs') THEN
        CREATE SCHEMA labs;
    END IF;
END $EF$;


CREATE TABLE labs.orders (
    "Id" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "DoctorUserId" uuid NOT NULL,
    "ConsultationId" uuid NOT NULL,
    "ClinicId" uuid,
    "Tests" text NOT NULL,
    "PartnerLabId" uuid,
    "ExternalIds" character varying(2000),
    "Status" character varying(32) NOT NULL,
    "OrderedAt" timestamp with time zone NOT NULL,
    "SentAt" timestamp with time zone,
    "LastPolledAt" timestamp with time zone,
    "SendAttemptAt" timestamp with time zone,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_orders" PRIMARY KEY ("Id")
);


CREATE TABLE labs.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE TABLE labs.partner_labs (
    "Id" uuid NOT NULL,
    "ClinicId" uuid,
    "Name" character varying(200) NOT NULL,
    "Address" character varying(300) NOT NULL,
    "FhirBaseUrl" character varying(500) NOT NULL,
    "Enabled" boolean NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_partner_labs" PRIMARY KEY ("Id")
);


CREATE TABLE labs.reports (
    "Id" uuid NOT NULL,
    "OrderId" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "DoctorUserId" uuid NOT NULL,
    "ExternalId" character varying(200) NOT NULL,
    "PanelCode" character varying(16),
    "Status" character varying(32) NOT NULL,
    "Values" text NOT NULL,
    "DoctorNote" text,
    "CriticalCount" integer NOT NULL,
    "AllNormal" boolean NOT NULL,
    "IssuedAt" timestamp with time zone NOT NULL,
    "ReceivedAt" timestamp with time zone NOT NULL,
    "ReleasedAt" timestamp with time zone,
    "ReleasedAutomatically" boolean NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_reports" PRIMARY KEY ("Id")
);


CREATE INDEX "IX_orders_ConsultationId" ON labs.orders ("ConsultationId");


CREATE INDEX "IX_orders_PatientId" ON labs.orders ("PatientId");


CREATE INDEX "IX_orders_Status_LastPolledAt" ON labs.orders ("Status", "LastPolledAt");


CREATE INDEX "IX_orders_Status_SendAttemptAt" ON labs.orders ("Status", "SendAttemptAt");


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON labs.outbox ("ProcessedAt", "CreatedAt");


CREATE INDEX "IX_reports_DoctorUserId_ReceivedAt" ON labs.reports ("DoctorUserId", "ReceivedAt");


CREATE UNIQUE INDEX "IX_reports_OrderId_ExternalId" ON labs.reports ("OrderId", "ExternalId");


CREATE INDEX "IX_reports_PatientId_Status" ON labs.reports ("PatientId", "Status");


CREATE INDEX "IX_reports_Status_ReceivedAt" ON labs.reports ("Status", "ReceivedAt");


