-- Medications recorded by another system (FHIR import), encrypted like the allergies; null until the first.
ALTER TABLE "directory_patient_clinical_summaries" ADD COLUMN "Medications" TEXT NULL;
