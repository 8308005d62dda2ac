-- The versions of scheduling's reference data (doctors' rules, clinic policies) that every host caches
-- (SchedulingReferenceData): a trigger raises a version in the writer's own transaction for every statement that writes the
-- data, whoever runs it (a host, the CLI, SQL by hand), and each host reads the versions once a second and clears what
-- changed (ReferenceVersionWatch; docs/adr/0017-reference-caches-watch-versions.md).
CREATE TABLE scheduling.reference_versions (
    "Name" character varying(32) NOT NULL,
    "Version" bigint NOT NULL,
    CONSTRAINT "PK_reference_versions" PRIMARY KEY ("Name")
);
INSERT INTO scheduling.reference_versions ("Name", "Version") VALUES ('rules', 0), ('policies', 0);

-- BEFORE the statement: the version row is the first lock a writer of this data takes, before any of the data's rows, so two
-- writers queue on it instead of each holding rows the other needs.
CREATE FUNCTION scheduling.raise_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE scheduling.reference_versions SET "Version" = "Version" + 1 WHERE "Name" = TG_ARGV[0];
    RETURN NULL;
END
$$;
CREATE TRIGGER weekly_hours_reference_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON scheduling.weekly_hours
    FOR EACH STATEMENT EXECUTE FUNCTION scheduling.raise_reference_version('rules');
CREATE TRIGGER availability_exceptions_reference_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON scheduling.availability_exceptions
    FOR EACH STATEMENT EXECUTE FUNCTION scheduling.raise_reference_version('rules');
CREATE TRIGGER appointment_types_reference_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON scheduling.appointment_types
    FOR EACH STATEMENT EXECUTE FUNCTION scheduling.raise_reference_version('rules');
CREATE TRIGGER clinic_policies_reference_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON scheduling.clinic_policies
    FOR EACH STATEMENT EXECUTE FUNCTION scheduling.raise_reference_version('policies');
