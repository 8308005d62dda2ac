namespace Telemed.Modules.Feedback;

/// <summary>The feedback module's audit action codes (labelled for the admin's viewer in web/src/shared/i18n/administration.*.ts).</summary>
internal static class FeedbackAuditActions
{
    public const string ReviewLeft = "feedback.review_left";
    public const string ReviewRefused = "feedback.review_refused";
    public const string ReviewHidden = "feedback.review_hidden";
    public const string ReviewShown = "feedback.review_shown";
}
