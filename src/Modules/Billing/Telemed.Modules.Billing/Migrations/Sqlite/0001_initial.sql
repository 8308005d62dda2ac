CREATE TABLE "billing_claims" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_billing_claims" PRIMARY KEY,
    "PaymentId" TEXT NOT NULL,
    "AppointmentId" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "ClinicId" TEXT NOT NULL,
    "DoctorUserId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "InsurerName" TEXT NOT NULL,
    "PolicyNumber" TEXT NOT NULL,
    "AmountMinor" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "ServiceDate" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Note" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "billing_clinic_rules" (
    "ClinicId" TEXT NOT NULL CONSTRAINT "PK_billing_clinic_rules" PRIMARY KEY,
    "IncrementMinutes" INTEGER NOT NULL,
    "MinimumChargeMinor" INTEGER NOT NULL,
    "FactorNone" TEXT NOT NULL,
    "FactorSecond" TEXT NOT NULL,
    "FactorFirst" TEXT NOT NULL,
    "FactorHighest" TEXT NOT NULL,
    "LateCancellationFeePercent" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE TABLE "billing_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_billing_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "billing_payments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_billing_payments" PRIMARY KEY,
    "IdempotencyKey" TEXT NOT NULL,
    "AppointmentId" TEXT NOT NULL,
    "PatientId" TEXT NOT NULL,
    "DoctorId" TEXT NOT NULL,
    "DoctorUserId" TEXT NOT NULL,
    "ClinicId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "VisitStart" TEXT NOT NULL,
    "Currency" TEXT NOT NULL,
    "QuoteMinor" INTEGER NOT NULL,
    "QuotedMinutes" INTEGER NOT NULL,
    "HourlyRateMinor" INTEGER NOT NULL,
    "QualificationFactor" TEXT NOT NULL,
    "IncrementMinutes" INTEGER NOT NULL,
    "MinimumChargeMinor" INTEGER NOT NULL,
    "LateCancellationFeePercent" INTEGER NOT NULL,
    "ExtensionAgreed" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "Gateway" TEXT NULL,
    "IntentId" TEXT NULL,
    "ClientSecret" TEXT NULL,
    "AuthorisedMinor" INTEGER NOT NULL,
    "CapturedMinor" INTEGER NOT NULL,
    "RefundedMinor" INTEGER NOT NULL,
    "AmountDueMinor" INTEGER NOT NULL,
    "BilledMinutes" INTEGER NULL,
    "DeclineCode" TEXT NULL,
    "CardBrand" TEXT NULL,
    "CardLast4" TEXT NULL,
    "SettlementReason" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "billing_processed_gateway_events" (
    "Gateway" TEXT NOT NULL,
    "EventId" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "ReceivedAt" TEXT NOT NULL,
    CONSTRAINT "PK_billing_processed_gateway_events" PRIMARY KEY ("Gateway", "EventId")
);


CREATE TABLE "billing_receipts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_billing_receipts" PRIMARY KEY,
    "PaymentId" TEXT NOT NULL,
    "ClinicId" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "IssuedAt" TEXT NOT NULL
);


CREATE TABLE "billing_sandbox_intents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_billing_sandbox_intents" PRIMARY KEY,
    "ClientSecret" TEXT NOT NULL,
    "AmountMinor" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "AmountCapturedMinor" INTEGER NOT NULL,
    "AmountRefundedMinor" INTEGER NOT NULL,
    "DeclineCode" TEXT NULL,
    "CardBrand" TEXT NULL,
    "CardLast4" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE TABLE "billing_sandbox_requests" (
    "IdempotencyKey" TEXT NOT NULL CONSTRAINT "PK_billing_sandbox_requests" PRIMARY KEY,
    "Operation" TEXT NOT NULL,
    "IntentId" TEXT NOT NULL,
    "AmountMinor" INTEGER NOT NULL,
    "RefundId" TEXT NULL,
    "At" TEXT NOT NULL
);


CREATE TABLE "billing_payment_movements" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_billing_payment_movements" PRIMARY KEY,
    "PaymentId" TEXT NOT NULL,
    "ClinicId" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "AmountMinor" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "GatewayReference" TEXT NULL,
    CONSTRAINT "FK_billing_payment_movements_billing_payments_PaymentId" FOREIGN KEY ("PaymentId") REFERENCES "billing_payments" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_billing_claims_ClinicId_ServiceDate" ON "billing_claims" ("ClinicId", "ServiceDate");


CREATE UNIQUE INDEX "IX_billing_claims_PaymentId" ON "billing_claims" ("PaymentId");


CREATE INDEX "IX_billing_claims_Status_CreatedAt" ON "billing_claims" ("Status", "CreatedAt");


CREATE INDEX "IX_billing_outbox_ProcessedAt_CreatedAt" ON "billing_outbox" ("ProcessedAt", "CreatedAt");


CREATE INDEX "IX_billing_payment_movements_ClinicId_At" ON "billing_payment_movements" ("ClinicId", "At");


CREATE INDEX "IX_billing_payment_movements_PaymentId" ON "billing_payment_movements" ("PaymentId");


CREATE UNIQUE INDEX "IX_billing_payments_AppointmentId" ON "billing_payments" ("AppointmentId");


CREATE INDEX "IX_billing_payments_ClinicId_Status" ON "billing_payments" ("ClinicId", "Status");


CREATE UNIQUE INDEX "IX_billing_payments_IdempotencyKey" ON "billing_payments" ("IdempotencyKey");


CREATE INDEX "IX_billing_payments_IntentId" ON "billing_payments" ("IntentId");


CREATE INDEX "IX_billing_payments_PatientId" ON "billing_payments" ("PatientId");


CREATE UNIQUE INDEX "IX_billing_receipts_ClinicId_Year_Number" ON "billing_receipts" ("ClinicId", "Year", "Number");


CREATE UNIQUE INDEX "IX_billing_receipts_PaymentId" ON "billing_receipts" ("PaymentId");


CREATE UNIQUE INDEX "IX_billing_sandbox_intents_ClientSecret" ON "billing_sandbox_intents" ("ClientSecret");


