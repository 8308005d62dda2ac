-- Admin-managed clinic contacts and opening hours.
ALTER TABLE "directory_clinics" ADD COLUMN "Phone" TEXT NOT NULL DEFAULT '';
ALTER TABLE "directory_clinics" ADD COLUMN "Email" TEXT NOT NULL DEFAULT '';
ALTER TABLE "directory_clinics" ADD COLUMN "OpeningHours" TEXT NOT NULL DEFAULT '';
