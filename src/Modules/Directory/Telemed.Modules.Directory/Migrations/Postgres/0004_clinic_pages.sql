-- A clinic's public pages per language: Markdown sections an admin writes, shown sanitised to visitors.
CREATE TABLE directory.clinic_pages (
    "ClinicId" uuid NOT NULL,
    "Language" character varying(8) NOT NULL,
    "Services" text NOT NULL,
    "VisitTypes" text NOT NULL,
    "Faq" text NOT NULL,
    "Contacts" text NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "UpdatedBy" uuid,
    CONSTRAINT "PK_clinic_pages" PRIMARY KEY ("ClinicId", "Language"),
    CONSTRAINT "FK_clinic_pages_clinics_ClinicId" FOREIGN KEY ("ClinicId") REFERENCES directory.clinics ("Id") ON DELETE CASCADE
);
