using Hl7.Fhir.Model;

namespace Telemed.Modules.Interop.Import;

/// <summary>What happened to one entry of the Bundle.</summary>
internal enum EntryOutcomeKind { Created, Updated, Unchanged, Rejected }

/// <summary>
/// One entry's result: the outcome, the reference of what it became here (<c>Patient/{id}</c>; null for others), and for a rejection a
/// stable <paramref name="Code"/> (e.g. <c>import.unsupported_type</c>) and a reason without PHI.
/// </summary>
internal sealed record EntryResult(EntryOutcomeKind Kind, string? Location = null, string? Code = null, string? Reason = null)
{
    public static EntryResult Rejected(string code, string reason) => new(EntryOutcomeKind.Rejected, null, code, reason);

    /// <summary>The HTTP status FHIR's batch-response carries for this entry.</summary>
    public string Status => Kind switch
    {
        EntryOutcomeKind.Created => "201 Created",
        EntryOutcomeKind.Rejected => "422 Unprocessable Entity",
        _ => "200 OK",
    };
}

/// <summary>
/// A refusal of the whole Bundle (nothing imported): HTTP <paramref name="Status"/> (400, 409, 413, 415, 422), a stable code and a reason
/// without PHI, answered as an OperationOutcome.
/// </summary>
internal sealed record BundleRefusal(int Status, OperationOutcome.IssueType Type, string Code, string Reason);
