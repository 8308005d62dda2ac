-- E-prescriptions: the clinic's formulary and prescriptions (content, overrides and cancel reason encrypted).
CREATE TABLE clinical.formulary (
    "Code" character varying(64) NOT NULL,
    "ActiveIngredient" text NOT NULL,
    "ActiveIngredientRu" text NOT NULL,
    "AtcCode" text NOT NULL,
    "Name" text NOT NULL,
    "Form" text NOT NULL,
    "Strength" text NOT NULL,
    "DoseUnit" text NOT NULL,
    "DispenseUnit" text NOT NULL,
    "Route" text NOT NULL,
    "MinDailyDose" numeric(12,3),
    "MaxDailyDose" numeric(12,3),
    "MinimumAgeYears" integer,
    "AllergyClass" text NOT NULL,
    "Source" text NOT NULL,
    "Edition" text NOT NULL,
    "SearchText" text NOT NULL,
    CONSTRAINT "PK_formulary" PRIMARY KEY ("Code")
);

CREATE TABLE clinical.prescriptions (
    "Id" uuid NOT NULL,
    "ConsultationId" uuid NOT NULL,
    "PatientId" uuid NOT NULL,
    "PatientUserId" uuid NOT NULL,
    "PrescriberUserId" uuid NOT NULL,
    "ClinicId" uuid,
    "Status" character varying(16) NOT NULL,
    "ContentJson" text NOT NULL,
    "OverridesJson" text NOT NULL,
    "Version" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "SignedAt" timestamp with time zone,
    "SignedBy" character varying(200),
    "SigningCredentialId" uuid,
    "Signature" text,
    "VerificationCode" character varying(32),
    "ValidUntil" timestamp with time zone,
    "CancelledAt" timestamp with time zone,
    "CancelReason" text,
    CONSTRAINT "PK_prescriptions" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_prescriptions_ConsultationId" ON clinical.prescriptions ("ConsultationId");
CREATE INDEX "IX_prescriptions_PatientId" ON clinical.prescriptions ("PatientId");
CREATE UNIQUE INDEX "IX_prescriptions_VerificationCode" ON clinical.prescriptions ("VerificationCode");
