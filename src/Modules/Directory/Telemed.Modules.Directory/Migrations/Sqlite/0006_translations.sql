-- Clinic names, addresses and cities, and doctors' bios, in other languages (JSON keyed by language code; English stays in the old columns).
ALTER TABLE "directory_clinics" ADD COLUMN "Translations" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "directory_doctors" ADD COLUMN "BioTranslations" TEXT NOT NULL DEFAULT '{}';
