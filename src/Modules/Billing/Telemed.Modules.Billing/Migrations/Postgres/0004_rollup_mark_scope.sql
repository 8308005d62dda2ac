-- The mark table is shared by every module with a roll-up; this module writes no scope yet (NULL: the whole day).
ALTER TABLE billing.rollup_marks ADD COLUMN "Scope" uuid NULL;
