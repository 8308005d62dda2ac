namespace Telemed.Modules.Consultations.Calls.Recording;

/// <summary>
/// The version of the consent text a patient is shown before a call is recorded (web: <c>calls.recording.consent</c> in each
/// language). Change the version whenever the text's meaning changes: a consent recorded for an older version no longer counts for
/// new requests, and each recording keeps the version its patient accepted.
/// </summary>
internal static class RecordingConsentText
{
    public const string CurrentVersion = "call-recording-consent-2026-12";
}
