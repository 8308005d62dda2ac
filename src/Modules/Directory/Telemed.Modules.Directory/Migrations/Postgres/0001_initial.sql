DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = 'directory') THEN
        CREATE SCHEMA directory;
    END IF;
END $EF$;


CREATE TABLE directory.clinics (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Address" character varying(300) NOT NULL,
    "City" character varying(100) NOT NULL,
    "Latitude" double precision NOT NULL,
    "Longitude" double precision NOT NULL,
    "TimeZone" character varying(64) NOT NULL,
    CONSTRAINT "PK_clinics" PRIMARY KEY ("Id")
);


CREATE TABLE directory.doctors (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "DisplayName" character varying(200) NOT NULL,
    "NormalizedName" character varying(200) NOT NULL,
    "QualificationCategory" character varying(16) NOT NULL,
    "Education" text NOT NULL,
    "YearsOfExperience" integer NOT NULL,
    "HourlyRateMinor" bigint NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "Bio" character varying(4000) NOT NULL,
    "PhotoUrl" character varying(500),
    "Status" character varying(32) NOT NULL,
    CONSTRAINT "PK_doctors" PRIMARY KEY ("Id")
);


CREATE TABLE directory.outbox (
    "Id" uuid NOT NULL,
    "EventType" character varying(256) NOT NULL,
    "Payload" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ProcessedAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" text,
    CONSTRAINT "PK_outbox" PRIMARY KEY ("Id")
);


CREATE TABLE directory.patients (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "GivenName" text NOT NULL,
    "FamilyName" text NOT NULL,
    "DateOfBirth" text NOT NULL,
    "Sex" character varying(16) NOT NULL,
    "Email" text NOT NULL,
    "Phone" text NOT NULL,
    "Address" text NOT NULL,
    "PreferredLanguage" character varying(8) NOT NULL,
    "InsuranceProvider" text NOT NULL,
    "InsurancePolicyNumber" text NOT NULL,
    "FamilyNameLookup" character varying(64) NOT NULL,
    "EmailLookup" character varying(64) NOT NULL,
    "PhoneLookup" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_patients" PRIMARY KEY ("Id")
);


CREATE TABLE directory.doctor_clinics (
    "DoctorId" uuid NOT NULL,
    "ClinicId" uuid NOT NULL,
    CONSTRAINT "PK_doctor_clinics" PRIMARY KEY ("DoctorId", "ClinicId"),
    CONSTRAINT "FK_doctor_clinics_clinics_ClinicId" FOREIGN KEY ("ClinicId") REFERENCES directory.clinics ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_doctor_clinics_doctors_DoctorId" FOREIGN KEY ("DoctorId") REFERENCES directory.doctors ("Id") ON DELETE CASCADE
);


CREATE TABLE directory.doctor_languages (
    "DoctorId" uuid NOT NULL,
    "Code" character varying(8) NOT NULL,
    CONSTRAINT "PK_doctor_languages" PRIMARY KEY ("DoctorId", "Code"),
    CONSTRAINT "FK_doctor_languages_doctors_DoctorId" FOREIGN KEY ("DoctorId") REFERENCES directory.doctors ("Id") ON DELETE CASCADE
);


CREATE TABLE directory.doctor_specialties (
    "DoctorId" uuid NOT NULL,
    "Code" character varying(32) NOT NULL,
    CONSTRAINT "PK_doctor_specialties" PRIMARY KEY ("DoctorId", "Code"),
    CONSTRAINT "FK_doctor_specialties_doctors_DoctorId" FOREIGN KEY ("DoctorId") REFERENCES directory.doctors ("Id") ON DELETE CASCADE
);


CREATE TABLE directory.patient_clinical_summaries (
    "PatientId" uuid NOT NULL,
    "Allergies" text NOT NULL,
    "ChronicConditions" text NOT NULL,
    CONSTRAINT "PK_patient_clinical_summaries" PRIMARY KEY ("PatientId"),
    CONSTRAINT "FK_patient_clinical_summaries_patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES directory.patients ("Id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "IX_clinics_Name" ON directory.clinics ("Name");


CREATE INDEX "IX_doctor_clinics_ClinicId" ON directory.doctor_clinics ("ClinicId");


CREATE INDEX "IX_doctor_languages_Code" ON directory.doctor_languages ("Code");


CREATE INDEX "IX_doctor_specialties_Code" ON directory.doctor_specialties ("Code");


CREATE INDEX "IX_doctors_Status_HourlyRateMinor" ON directory.doctors ("Status", "HourlyRateMinor");


CREATE UNIQUE INDEX "IX_doctors_UserId" ON directory.doctors ("UserId");


CREATE INDEX "IX_outbox_ProcessedAt_CreatedAt" ON directory.outbox ("ProcessedAt", "CreatedAt");


CREATE INDEX "IX_patients_EmailLookup" ON directory.patients ("EmailLookup");


CREATE INDEX "IX_patients_FamilyNameLookup" ON directory.patients ("FamilyNameLookup");


CREATE INDEX "IX_patients_PhoneLookup" ON directory.patients ("PhoneLookup");


CREATE UNIQUE INDEX "IX_patients_UserId" ON directory.patients ("UserId");


