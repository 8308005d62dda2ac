-- Admin-managed clinic contacts and opening hours.
ALTER TABLE directory.clinics ADD "Phone" character varying(32) NOT NULL DEFAULT '';
ALTER TABLE directory.clinics ADD "Email" character varying(200) NOT NULL DEFAULT '';
ALTER TABLE directory.clinics ADD "OpeningHours" character varying(500) NOT NULL DEFAULT '';
