CREATE TABLE "pharmacy_dispensing_records" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_pharmacy_dispensing_records" PRIMARY KEY,
    "PrescriptionId" TEXT NOT NULL,
    "PharmacyId" TEXT NOT NULL,
    "PharmacistUserId" TEXT NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "DispensedAt" TEXT NOT NULL
);


CREATE TABLE "pharmacy_outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_pharmacy_outbox" PRIMARY KEY,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ProcessedAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "pharmacy_pharmacies" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_pharmacy_pharmacies" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "City" TEXT NOT NULL,
    "Latitude" REAL NOT NULL,
    "Longitude" REAL NOT NULL,
    "Phone" TEXT NOT NULL,
    "OpeningHours" TEXT NOT NULL,
    "Active" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);


CREATE TABLE "pharmacy_pharmacist_memberships" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_pharmacy_pharmacist_memberships" PRIMARY KEY,
    "PharmacyId" TEXT NOT NULL,
    "AddedAt" TEXT NOT NULL
);


CREATE TABLE "pharmacy_prescription_dispensings" (
    "PrescriptionId" TEXT NOT NULL CONSTRAINT "PK_pharmacy_prescription_dispensings" PRIMARY KEY,
    "PatientId" TEXT NOT NULL,
    "PrescriberUserId" TEXT NOT NULL,
    "PharmacyId" TEXT NULL,
    "SentAt" TEXT NULL,
    "LastPharmacyId" TEXT NULL,
    "Status" TEXT NOT NULL,
    "QuantityPrescribed" INTEGER NOT NULL,
    "QuantityDispensed" INTEGER NOT NULL,
    "DeclineReason" TEXT NOT NULL,
    "DeclinedAt" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);


CREATE INDEX "IX_pharmacy_dispensing_records_PrescriptionId" ON "pharmacy_dispensing_records" ("PrescriptionId");


CREATE INDEX "IX_pharmacy_outbox_ProcessedAt_CreatedAt" ON "pharmacy_outbox" ("ProcessedAt", "CreatedAt");


CREATE INDEX "IX_pharmacy_pharmacies_Latitude_Longitude" ON "pharmacy_pharmacies" ("Latitude", "Longitude");


CREATE INDEX "IX_pharmacy_pharmacist_memberships_PharmacyId" ON "pharmacy_pharmacist_memberships" ("PharmacyId");


CREATE INDEX "IX_pharmacy_prescription_dispensings_PharmacyId_UpdatedAt" ON "pharmacy_prescription_dispensings" ("PharmacyId", "UpdatedAt");


