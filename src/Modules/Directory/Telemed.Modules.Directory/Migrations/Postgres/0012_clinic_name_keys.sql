-- Clinic names are unique in any letter case ("City Clinic" and "city clinic" are one name). "NameKey" is the name as
-- ClinicNameKey compares it (trimmed, inner spaces collapsed, lower case in the invariant culture), written by the application with
-- every name. It is NULL here: existing rows may hold names equal but for case, which a unique index over an expression would refuse
-- and so stop the start-up; FillClinicNameKeys fills the keys at start-up, leaving NULL (and logging the ids) on a duplicate until an
-- administrator renames it. A NULL key is never a duplicate of another.
ALTER TABLE directory.clinics ADD "NameKey" character varying(200) NULL;
CREATE UNIQUE INDEX "IX_clinics_NameKey" ON directory.clinics ("NameKey");
