-- The versions of the directory's cached reference data (doctor summaries and pages, the clinic list, the links between
-- patients and accounts, patients' display names; DirectoryCache): a trigger raises a version in the writer's own transaction
-- for every statement that writes the data, whoever runs it (a host, the CLI, SQL by hand), and each host reads the versions
-- once a second and clears what changed (ReferenceVersionWatch; docs/adr/0017-reference-caches-watch-versions.md). A patient
-- added or removed changes the links ("patients"), an edit only the names ("patient_names"), as DirectoryCache.PendingIn says.
CREATE TABLE directory.reference_versions (
    "Name" character varying(32) NOT NULL,
    "Version" bigint NOT NULL,
    CONSTRAINT "PK_reference_versions" PRIMARY KEY ("Name")
);
INSERT INTO directory.reference_versions ("Name", "Version") VALUES ('doctors', 0), ('clinics', 0), ('patients', 0), ('patient_names', 0);

-- BEFORE the statement: the version row is the first lock a writer of this data takes, before any of the data's rows.
CREATE FUNCTION directory.raise_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE directory.reference_versions SET "Version" = "Version" + 1 WHERE "Name" = TG_ARGV[0];
    RETURN NULL;
END
$$;
CREATE TRIGGER doctors_doctors_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON directory.doctors
    FOR EACH STATEMENT EXECUTE FUNCTION directory.raise_reference_version('doctors');
CREATE TRIGGER doctor_clinics_doctors_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON directory.doctor_clinics
    FOR EACH STATEMENT EXECUTE FUNCTION directory.raise_reference_version('doctors');
CREATE TRIGGER doctor_languages_doctors_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON directory.doctor_languages
    FOR EACH STATEMENT EXECUTE FUNCTION directory.raise_reference_version('doctors');
CREATE TRIGGER doctor_specialties_doctors_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON directory.doctor_specialties
    FOR EACH STATEMENT EXECUTE FUNCTION directory.raise_reference_version('doctors');
CREATE TRIGGER clinics_clinics_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON directory.clinics
    FOR EACH STATEMENT EXECUTE FUNCTION directory.raise_reference_version('clinics');
CREATE TRIGGER patients_patients_version BEFORE INSERT OR DELETE OR TRUNCATE ON directory.patients
    FOR EACH STATEMENT EXECUTE FUNCTION directory.raise_reference_version('patients');
CREATE TRIGGER patients_patient_names_version BEFORE UPDATE ON directory.patients
    FOR EACH STATEMENT EXECUTE FUNCTION directory.raise_reference_version('patient_names');
