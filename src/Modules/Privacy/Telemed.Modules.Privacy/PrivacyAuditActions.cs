namespace Telemed.Modules.Privacy;

/// <summary>The privacy module's audit action codes (labelled for the admin's viewer in web/src/shared/i18n/administration.*.ts).</summary>
internal static class PrivacyAuditActions
{
    public const string AccessReportViewed = "privacy.access_report_viewed";
    public const string ConsentGiven = "privacy.consent_given";
    public const string ConsentWithdrawn = "privacy.consent_withdrawn";
    public const string ConsentTextPublished = "privacy.consent_text_published";
    public const string DataExported = "privacy.data_exported";
    public const string ErasureRequested = "privacy.erasure_requested";
    public const string ErasureDecided = "privacy.erasure_decided";
}
