namespace Telemed.Modules.Interop;

/// <summary>The interop module's audit action codes (labelled for the admin's viewer in web/src/shared/i18n/administration.*.ts).</summary>
internal static class InteropAuditActions
{
    /// <summary>A FHIR Bundle was imported; the entry names the import (an opaque id) and carries the counts, never PHI.</summary>
    public const string FhirImported = "interop.fhir_imported";

    /// <summary>The audit record type of an import run.</summary>
    public const string ImportRecordType = "FhirImport";
}
