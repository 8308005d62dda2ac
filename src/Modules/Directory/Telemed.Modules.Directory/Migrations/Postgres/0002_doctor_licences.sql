-- Issue 11, item 3: the licence record an admin verifies before a doctor can be activated.
ALTER TABLE directory.doctors ADD "LicenceNumber" character varying(64) NOT NULL DEFAULT '';
ALTER TABLE directory.doctors ADD "LicenceIssuer" character varying(200) NOT NULL DEFAULT '';
ALTER TABLE directory.doctors ADD "LicenceExpiresOn" date;
ALTER TABLE directory.doctors ADD "LicenceVerifiedAt" timestamp with time zone;
ALTER TABLE directory.doctors ADD "LicenceVerifiedBy" uuid;
