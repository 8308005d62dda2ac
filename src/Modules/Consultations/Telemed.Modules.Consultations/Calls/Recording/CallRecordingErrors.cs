using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Consultations.Calls.Recording;

/// <summary>Stable error codes of call recording (ProblemDetails <c>code</c>).</summary>
internal static class CallRecordingErrors
{
    public static readonly Error NotAllowed = Error.Conflict("consultation.recording_not_allowed", "This clinic does not record calls.");
    public static readonly Error InProgress = Error.Conflict("consultation.recording_in_progress", "A recording is already requested or running.");
    public static readonly Error NotRequested = Error.Conflict("consultation.recording_not_requested", "Nobody is asking to record this call now.");
    public static readonly Error ConsentOutdated = Error.Conflict("consultation.recording_consent_outdated", "The consent text has changed; read the new one and answer again.");
    public static readonly Error NotRunning = Error.Conflict("consultation.recording_not_running", "The call is not being recorded.");
    /// <summary>409: the deployment has no SFU with a recordings directory, so a clinic cannot switch recording on.</summary>
    public static readonly Error Unavailable = Error.Conflict("consultation.recording_unavailable",
        "This deployment cannot record calls: no group call server (SFU) with a recordings directory is configured. Ask the operator to set Consultations:Video:Sfu:Janus:RecordingsDirectory.");
    public static readonly Error NotAvailable = new("consultation.recording_not_found", "There is no such recording.", ErrorKind.NotFound);
}
