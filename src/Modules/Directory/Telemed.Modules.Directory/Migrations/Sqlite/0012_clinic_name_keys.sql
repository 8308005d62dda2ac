-- Clinic names are unique in any letter case ("City Clinic" and "city clinic" are one name): see the PostgreSQL migration of the
-- same number. The key is filled by the application (ClinicNameKey: SQLite's lower() knows ASCII letters only, not Cyrillic), at
-- start-up for rows stored before (FillClinicNameKeys); NULL is "not yet filled" or "a duplicate kept without a key", never unique.
ALTER TABLE "directory_clinics" ADD COLUMN "NameKey" TEXT NULL;
CREATE UNIQUE INDEX "IX_directory_clinics_NameKey" ON "directory_clinics" ("NameKey");
