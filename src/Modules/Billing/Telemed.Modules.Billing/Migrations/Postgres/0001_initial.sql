DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'billing') THEN
        CREATE SCHEMA billing;
    END IF;
END $EF$;


CREATE TABLE billing.claims (
    "Id" uuid NOT NULL,
    "PaymentId" uuid NOT NULL,
    "AppointmentId" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "ClinicId" uuid NOT NULL,
    "DoctorUserId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "InsurerName" text NOT NULL,
    "PolicyNumber" text NOT NULL,
    "AmountMinor" bigint NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "ServiceDate" timestamp with time zone NOT NULL,
    "Status" character varying(16) NOT NULL,
    "Note" text,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_claims" PRIMARY KEY ("Id")
);


CREATE TABLE billing.clinic_rules (
    "ClinicId" uuid NOT NULL,
    "IncrementMinutes" integer NOT NULL,
    "MinimumChargeMinor" bigint NOT NULL,
    "FactorNone" numeric(6,3) NOT NULL,
    "FactorSecond" numeric(6,3) NOT NULL,
    "FactorFirst" numeric(6,3) NOT NULL,
    "FactorHighest" numeric(6,3) NOT NULL,
    "LateCancellationFeePercent" integer NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_clinic_rules" PRIMARY KEY ("ClinicId")
);


CREATE TABLE billing.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE TABLE billing.payments (
    "Id" uuid NOT NULL,
    "IdempotencyKey" character varying(100) NOT NULL,
    "AppointmentId" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "DoctorId" uuid NOT NULL,
    "DoctorUserId" uuid NOT NULL,
    "ClinicId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "VisitStart" timestamp with time zone NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "QuoteMinor" bigint NOT NULL,
    "QuotedMinutes" integer NOT NULL,
    "HourlyRateMinor" bigint NOT NULL,
    "QualificationFactor" numeric(6,3) NOT NULL,
    "IncrementMinutes" integer NOT NULL,
    "MinimumChargeMinor" bigint NOT NULL,
    "LateCancellationFeePercent" integer NOT NULL,
    "ExtensionAgreed" boolean NOT NULL,
    "Status" character varying(24) NOT NULL,
    "Gateway" character varying(16),
    "IntentId" character varying(120),
    "ClientSecret" text,
    "AuthorisedMinor" bigint NOT NULL,
    "CapturedMinor" bigint NOT NULL,
    "RefundedMinor" bigint NOT NULL,
    "AmountDueMinor" bigint NOT NULL,
    "BilledMinutes" integer,
    "DeclineCode" character varying(64),
    "CardBrand" character varying(24),
    "CardLast4" character varying(4),
    "SettlementReason" character varying(32),
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_payments" PRIMARY KEY ("Id")
);


CREATE TABLE billing.processed_gateway_events (
    "Gateway" character varying(16) NOT NULL,
    "EventId" character varying(120) NOT NULL,
    "Type" character varying(80) NOT NULL,
    "ReceivedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_processed_gateway_events" PRIMARY KEY ("Gateway", "EventId")
);


CREATE TABLE billing.receipts (
    "Id" uuid NOT NULL,
    "PaymentId" uuid NOT NULL,
    "ClinicId" uuid NOT NULL,
    "Year" integer NOT NULL,
    "Number" integer NOT NULL,
    "IssuedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_receipts" PRIMARY KEY ("Id")
);


CREATE TABLE billing.sandbox_intents (
    "Id" character varying(120) NOT NULL,
    "ClientSecret" character varying(200) NOT NULL,
    "AmountMinor" bigint NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "Status" character varying(32) NOT NULL,
    "AmountCapturedMinor" bigint NOT NULL,
    "AmountRefundedMinor" bigint NOT NULL,
    "DeclineCode" character varying(64),
    "CardBrand" character varying(24),
    "CardLast4" character varying(4),
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_sandbox_intents" PRIMARY KEY ("Id")
);


CREATE TABLE billing.sandbox_requests (
    "IdempotencyKey" character varying(200) NOT NULL,
    "Operation" character varying(16) NOT NULL,
    "IntentId" character varying(120) NOT NULL,
    "AmountMinor" bigint NOT NULL,
    "RefundId" character varying(120),
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_sandbox_requests" PRIMARY KEY ("IdempotencyKey")
);


CREATE TABLE billing.payment_movements (
    "Id" uuid NOT NULL,
    "PaymentId" uuid NOT NULL,
    "ClinicId" uuid NOT NULL,
    "Type" character varying(16) NOT NULL,
    "AmountMinor" bigint NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "Reason" character varying(32) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "GatewayReference" character varying(120),
    CONSTRAINT "PK_payment_movements" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_payment_movements_payments_PaymentId" FOREIGN KEY ("PaymentId") REFERENCES billing.payments ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_claims_ClinicId_ServiceDate" ON billing.claims ("ClinicId", "ServiceDate");


CREATE UNIQUE INDEX "IX_claims_PaymentId" ON billing.claims ("PaymentId");


CREATE INDEX "IX_claims_Status_CreatedAt" ON billing.claims ("Status", "CreatedAt");


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON billing.outbox ("ProcessedAt", "CreatedAt");


CREATE INDEX "IX_payment_movements_ClinicId_At" ON billing.payment_movements ("ClinicId", "At");


CREATE INDEX "IX_payment_movements_PaymentId" ON billing.payment_movements ("PaymentId");


CREATE UNIQUE INDEX "IX_payments_AppointmentId" ON billing.payments ("AppointmentId");


CREATE INDEX "IX_payments_ClinicId_Status" ON billing.payments ("ClinicId", "Status");


CREATE UNIQUE INDEX "IX_payments_IdempotencyKey" ON billing.payments ("IdempotencyKey");


CREATE INDEX "IX_payments_IntentId" ON billing.payments ("IntentId");


CREATE INDEX "IX_payments_PatientId" ON billing.payments ("PatientId");


CREATE UNIQUE INDEX "IX_receipts_ClinicId_Year_Number" ON billing.receipts ("ClinicId", "Year", "Number");


CREATE UNIQUE INDEX "IX_receipts_PaymentId" ON billing.receipts ("PaymentId");


CREATE UNIQUE INDEX "IX_sandbox_intents_ClientSecret" ON billing.sandbox_intents ("ClientSecret");


