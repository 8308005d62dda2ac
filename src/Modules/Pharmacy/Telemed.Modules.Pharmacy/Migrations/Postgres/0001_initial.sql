DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'pharmacy') THEN
        CREATE SCHEMA pharmacy;
    END IF;
END $EF$;


CREATE TABLE pharmacy.dispensing_records (
    "Id" uuid NOT NULL,
    "PrescriptionId" uuid NOT NULL,
    "PharmacyId" uuid NOT NULL,
    "PharmacistUserId" uuid NOT NULL,
    "Quantity" integer NOT NULL,
    "DispensedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_dispensing_records" PRIMARY KEY ("Id")
);


CREATE TABLE pharmacy.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE TABLE pharmacy.pharmacies (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Address" character varying(300) NOT NULL,
    "City" character varying(100) NOT NULL,
    "Latitude" double precision NOT NULL,
    "Longitude" double precision NOT NULL,
    "Phone" character varying(32) NOT NULL,
    "OpeningHours" character varying(300) NOT NULL,
    "Active" boolean NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_pharmacies" PRIMARY KEY ("Id")
);


CREATE TABLE pharmacy.pharmacist_memberships (
    "UserId" uuid NOT NULL,
    "PharmacyId" uuid NOT NULL,
    "AddedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_pharmacist_memberships" PRIMARY KEY ("UserId")
);


CREATE TABLE pharmacy.prescription_dispensings (
    "PrescriptionId" uuid NOT NULL,
    "PatientId" text NOT NULL,
    "PrescriberUserId" uuid NOT NULL,
    "PharmacyId" uuid,
    "SentAt" timestamp with time zone,
    "LastPharmacyId" uuid,
    "Status" character varying(32) NOT NULL,
    "QuantityPrescribed" integer NOT NULL,
    "QuantityDispensed" integer NOT NULL,
    "DeclineReason" text NOT NULL,
    "DeclinedAt" timestamp with time zone,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_prescription_dispensings" PRIMARY KEY ("PrescriptionId")
);


CREATE INDEX "IX_dispensing_records_PrescriptionId" ON pharmacy.dispensing_records ("PrescriptionId");


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON pharmacy.outbox ("ProcessedAt", "CreatedAt");


CREATE INDEX "IX_pharmacies_Latitude_Longitude" ON pharmacy.pharmacies ("Latitude", "Longitude");


CREATE INDEX "IX_pharmacist_memberships_PharmacyId" ON pharmacy.pharmacist_memberships ("PharmacyId");


CREATE INDEX "IX_prescription_dispensings_PharmacyId_UpdatedAt" ON pharmacy.prescription_dispensings ("PharmacyId", "UpdatedAt");


