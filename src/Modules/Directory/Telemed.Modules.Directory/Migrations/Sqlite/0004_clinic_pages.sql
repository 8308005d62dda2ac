-- A clinic's public pages per language: Markdown sections an admin writes, shown sanitised to visitors.
CREATE TABLE "directory_clinic_pages" (
    "ClinicId" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "Services" TEXT NOT NULL,
    "VisitTypes" TEXT NOT NULL,
    "Faq" TEXT NOT NULL,
    "Contacts" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedBy" TEXT NULL,
    CONSTRAINT "PK_directory_clinic_pages" PRIMARY KEY ("ClinicId", "Language"),
    CONSTRAINT "FK_directory_clinic_pages_directory_clinics_ClinicId" FOREIGN KEY ("ClinicId") REFERENCES "directory_clinics" ("Id") ON DELETE CASCADE
);
