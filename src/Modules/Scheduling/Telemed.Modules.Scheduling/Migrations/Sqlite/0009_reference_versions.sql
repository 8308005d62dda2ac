-- The versions of scheduling's cached reference data, raised by triggers: see the PostgreSQL migration of the same number.
-- SQLite has no statement triggers; a row trigger raises the version once per row written (only its changes matter).
CREATE TABLE "scheduling_reference_versions" (
    "Name" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "PK_scheduling_reference_versions" PRIMARY KEY ("Name")
);
INSERT INTO "scheduling_reference_versions" ("Name", "Version") VALUES ('rules', 0), ('policies', 0);
CREATE TRIGGER "scheduling_weekly_hours_reference_version_insert" AFTER INSERT ON "scheduling_weekly_hours" BEGIN
    UPDATE "scheduling_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'rules';
END;
CREATE TRIGGER "scheduling_weekly_hours_reference_version_update" AFTER UPDATE ON "scheduling_weekly_hours" BEGIN
    UPDATE "scheduling_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'rules';
END;
CREATE TRIGGER "scheduling_weekly_hours_reference_version_delete" AFTER DELETE ON "scheduling_weekly_hours" BEGIN
    UPDATE "scheduling_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'rules';
END;
CREATE TRIGGER "scheduling_availability_exceptions_reference_version_insert" AFTER INSERT ON "scheduling_availability_exceptions" BEGIN
    UPDATE "scheduling_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'rules';
END;
CREATE TRIGGER "scheduling_availability_exceptions_reference_version_update" AFTER UPDATE ON "scheduling_availability_exceptions" BEGIN
    UPDATE "scheduling_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'rules';
END;
CREATE TRIGGER "scheduling_availability_exceptions_reference_version_delete" AFTER DELETE ON "scheduling_availability_exceptions" BEGIN
    UPDATE "scheduling_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'rules';
END;
CREATE TRIGGER "scheduling_appointment_types_reference_version_insert" AFTER INSERT ON "scheduling_appointment_types" BEGIN
    UPDATE "scheduling_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'rules';
END;
CREATE TRIGGER "scheduling_appointment_types_reference_version_update" AFTER UPDATE ON "scheduling_appointment_types" BEGIN
    UPDATE "scheduling_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'rules';
END;
CREATE TRIGGER "scheduling_appointment_types_reference_version_delete" AFTER DELETE ON "scheduling_appointment_types" BEGIN
    UPDATE "scheduling_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'rules';
END;
CREATE TRIGGER "scheduling_clinic_policies_reference_version_insert" AFTER INSERT ON "scheduling_clinic_policies" BEGIN
    UPDATE "scheduling_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'policies';
END;
CREATE TRIGGER "scheduling_clinic_policies_reference_version_update" AFTER UPDATE ON "scheduling_clinic_policies" BEGIN
    UPDATE "scheduling_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'policies';
END;
CREATE TRIGGER "scheduling_clinic_policies_reference_version_delete" AFTER DELETE ON "scheduling_clinic_policies" BEGIN
    UPDATE "scheduling_reference_versions" SET "Version" = "Version" + 1 WHERE "Name" = 'policies';
END;
