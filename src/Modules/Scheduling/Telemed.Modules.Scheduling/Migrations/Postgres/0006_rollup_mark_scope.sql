-- A mark may name the one subject whose rows of the day changed (scheduling: the doctor), so the roll-up refresher rebuilds
-- only those rows instead of the whole day. NULL (every mark written before, and modules that do not scope) is the whole day.
ALTER TABLE scheduling.rollup_marks ADD COLUMN "Scope" uuid NULL;
