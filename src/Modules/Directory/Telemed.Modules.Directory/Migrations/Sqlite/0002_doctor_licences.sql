-- Issue 11, item 3: the licence record an admin verifies before a doctor can be activated.
ALTER TABLE "directory_doctors" ADD COLUMN "LicenceNumber" TEXT NOT NULL DEFAULT '';
ALTER TABLE "directory_doctors" ADD COLUMN "LicenceIssuer" TEXT NOT NULL DEFAULT '';
ALTER TABLE "directory_doctors" ADD COLUMN "LicenceExpiresOn" TEXT NULL;
ALTER TABLE "directory_doctors" ADD COLUMN "LicenceVerifiedAt" TEXT NULL;
ALTER TABLE "directory_doctors" ADD COLUMN "LicenceVerifiedBy" TEXT NULL;
