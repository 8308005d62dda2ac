-- Clinic names, addresses and cities, and doctors' bios, in other languages (JSON keyed by language code; English stays in the old columns).
ALTER TABLE directory.clinics ADD "Translations" text NOT NULL DEFAULT '{}';
ALTER TABLE directory.doctors ADD "BioTranslations" text NOT NULL DEFAULT '{}';
