-- The versions of the directory's cached reference data, raised by triggers: see the PostgreSQL migration of the same number.
-- SQLite has no statement triggers; a row trigger raises the version once per row written (only its changes matter).
CREATE TABLE "directory_reference_versions" (
    "Name" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "PK_directory_reference_versions" PRIMARY KEY ("Name")
);
INSERT INTO "directory_reference_versions" ("Name", "Version") VALUES ('doctors', 0), ('clinics', 0), ('patients', 0), ('patient_names', 0);
CREATE TRIGGER "directory_doctors_doctors_version_insert" AFTER INSERT ON "directory_doctors" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'doctors';
END;
CREATE TRIGGER "directory_doctors_doctors_version_update" AFTER UPDATE ON "directory_doctors" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'doctors';
END;
CREATE TRIGGER "directory_doctors_doctors_version_delete" AFTER DELETE ON "directory_doctors" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'doctors';
END;
CREATE TRIGGER "directory_doctor_clinics_doctors_version_insert" AFTER INSERT ON "directory_doctor_clinics" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'doctors';
END;
CREATE TRIGGER "directory_doctor_clinics_doctors_version_update" AFTER UPDATE ON "directory_doctor_clinics" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'doctors';
END;
CREATE TRIGGER "directory_doctor_clinics_doctors_version_delete" AFTER DELETE ON "directory_doctor_clinics" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'doctors';
END;
CREATE TRIGGER "directory_doctor_languages_doctors_version_insert" AFTER INSERT ON "directory_doctor_languages" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'doctors';
END;
CREATE TRIGGER "directory_doctor_languages_doctors_version_update" AFTER UPDATE ON "directory_doctor_languages" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'doctors';
END;
CREATE TRIGGER "directory_doctor_languages_doctors_version_delete" AFTER DELETE ON "directory_doctor_languages" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'doctors';
END;
CREATE TRIGGER "directory_doctor_specialties_doctors_version_insert" AFTER INSERT ON "directory_doctor_specialties" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'doctors';
END;
CREATE TRIGGER "directory_doctor_specialties_doctors_version_update" AFTER UPDATE ON "directory_doctor_specialties" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'doctors';
END;
CREATE TRIGGER "directory_doctor_specialties_doctors_version_delete" AFTER DELETE ON "directory_doctor_specialties" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'doctors';
END;
CREATE TRIGGER "directory_clinics_clinics_version_insert" AFTER INSERT ON "directory_clinics" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'clinics';
END;
CREATE TRIGGER "directory_clinics_clinics_version_update" AFTER UPDATE ON "directory_clinics" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'clinics';
END;
CREATE TRIGGER "directory_clinics_clinics_version_delete" AFTER DELETE ON "directory_clinics" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'clinics';
END;
CREATE TRIGGER "directory_patients_patients_version_insert" AFTER INSERT ON "directory_patients" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'patients';
END;
CREATE TRIGGER "directory_patients_patients_version_delete" AFTER DELETE ON "directory_patients" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'patients';
END;
CREATE TRIGGER "directory_patients_patient_names_version_update" AFTER UPDATE ON "directory_patients" BEGIN
    UPDATE "directory_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'patient_names';
END;
