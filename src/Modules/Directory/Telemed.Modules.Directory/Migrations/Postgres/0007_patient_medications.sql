-- Medications recorded by another system (FHIR import), encrypted like the allergies; null until the first.
ALTER TABLE directory.patient_clinical_summaries ADD "Medications" text;
