CREATE TABLE "directory_clinics" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_directory_clinics" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "City" TEXT NOT NULL,
    "Latitude" REAL NOT NULL,
    "Longitude" REAL NOT NULL,
    "TimeZone" TEXT NOT NULL
);


CREATE TABLE "directory_doctors" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_directory_doctors" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "NormalizedName" TEXT NOT NULL,
    "QualificationCategory" TEXT NOT NULL,
    "Education" TEXT NOT NULL,
    "YearsOfExperience" INTEGER NOT NULL,
    "HourlyRateMinor" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "Bio" TEXT NOT NULL,
    "PhotoUrl" TEXT NULL,
    "Status" TEXT NOT NULL
);


CREATE TABLE "directory_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_directory_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "directory_patients" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_directory_patients" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "GivenName" TEXT NOT NULL,
    "FamilyName" TEXT NOT NULL,
    "DateOfBirth" TEXT NOT NULL,
    "Sex" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "Phone" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "PreferredLanguage" TEXT NOT NULL,
    "InsuranceProvider" TEXT NOT NULL,
    "InsurancePolicyNumber" TEXT NOT NULL,
    "FamilyNameLookup" TEXT NOT NULL,
    "EmailLookup" TEXT NOT NULL,
    "PhoneLookup" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);


CREATE TABLE "directory_doctor_clinics" (
    "DoctorId" TEXT NOT NULL,
    "ClinicId" TEXT NOT NULL,
    CONSTRAINT "PK_directory_doctor_clinics" PRIMARY KEY ("DoctorId", "ClinicId"),
    CONSTRAINT "FK_directory_doctor_clinics_directory_clinics_ClinicId" FOREIGN KEY ("ClinicId") REFERENCES "directory_clinics" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_directory_doctor_clinics_directory_doctors_DoctorId" FOREIGN KEY ("DoctorId") REFERENCES "directory_doctors" ("Id") ON DELETE CASCADE
);


CREATE TABLE "directory_doctor_languages" (
    "DoctorId" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    CONSTRAINT "PK_directory_doctor_languages" PRIMARY KEY ("DoctorId", "Code"),
    CONSTRAINT "FK_directory_doctor_languages_directory_doctors_DoctorId" FOREIGN KEY ("DoctorId") REFERENCES "directory_doctors" ("Id") ON DELETE CASCADE
);


CREATE TABLE "directory_doctor_specialties" (
    "DoctorId" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    CONSTRAINT "PK_directory_doctor_specialties" PRIMARY KEY ("DoctorId", "Code"),
    CONSTRAINT "FK_directory_doctor_specialties_directory_doctors_DoctorId" FOREIGN KEY ("DoctorId") REFERENCES "directory_doctors" ("Id") ON DELETE CASCADE
);


CREATE TABLE "directory_patient_clinical_summaries" (
    "PatientId" TEXT NOT NULL CONSTRAINT "PK_directory_patient_clinical_summaries" PRIMARY KEY,
    "Allergies" TEXT NOT NULL,
    "ChronicConditions" TEXT NOT NULL,
    CONSTRAINT "FK_directory_patient_clinical_summaries_directory_patients_PatientId" FOREIGN KEY ("PatientId") REFERENCES "directory_patients" ("Id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "IX_directory_clinics_Name" ON "directory_clinics" ("Name");


CREATE INDEX "IX_directory_doctor_clinics_ClinicId" ON "directory_doctor_clinics" ("ClinicId");


CREATE INDEX "IX_directory_doctor_languages_Code" ON "directory_doctor_languages" ("Code");


CREATE INDEX "IX_directory_doctor_specialties_Code" ON "directory_doctor_specialties" ("Code");


CREATE INDEX "IX_directory_doctors_Status_HourlyRateMinor" ON "directory_doctors" ("Status", "HourlyRateMinor");


CREATE UNIQUE INDEX "IX_directory_doctors_UserId" ON "directory_doctors" ("UserId");


CREATE INDEX "IX_directory_outbox_ProcessedAt_CreatedAt" ON "directory_outbox" ("ProcessedAt", "CreatedAt");


CREATE INDEX "IX_directory_patients_EmailLookup" ON "directory_patients" ("EmailLookup");


CREATE INDEX "IX_directory_patients_FamilyNameLookup" ON "directory_patients" ("FamilyNameLookup");


CREATE INDEX "IX_directory_patients_PhoneLookup" ON "directory_patients" ("PhoneLookup");


CREATE UNIQUE INDEX "IX_directory_patients_UserId" ON "directory_patients" ("UserId");


