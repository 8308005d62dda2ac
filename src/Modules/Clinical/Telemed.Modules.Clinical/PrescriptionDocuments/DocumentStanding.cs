using Telemed.Modules.Clinical.Contracts;

namespace Telemed.Modules.Clinical.PrescriptionDocuments;

/// <summary>Whether a printed prescription may be presented to a pharmacy, and if not, why.</summary>
internal enum Standing
{
    /// <summary>Active, within its validity, and its signature verifies: printed with the QR code of the public check.</summary>
    Valid,

    /// <summary>The prescriber cancelled it: stamped, with the date and the reason.</summary>
    Cancelled,

    /// <summary>Its validity ended: stamped, with the last valid date.</summary>
    Expired,

    /// <summary>Its stored content no longer matches the signature (or it was never signed): stamped "not valid".</summary>
    Invalid,
}

/// <summary>
/// The standing a prescription document is printed with. Anything but <see cref="Standing.Valid"/> is printed as a record for
/// the patient and the prescriber — stamped across the page, without the QR code and the invitation to check it — so a
/// printout of a cancelled, expired or altered prescription can never pass for one a pharmacy may dispense. <paramref name="At"/>
/// is the UTC instant the standing began (cancellation, end of validity); <paramref name="Reason"/> the prescriber's cancel
/// reason as typed, when one is stored.
/// </summary>
internal sealed record DocumentStanding(Standing Standing, DateTime? At = null, string? Reason = null)
{
    /// <summary>A document that may be presented.</summary>
    public static readonly DocumentStanding Valid = new(Standing.Valid);

    public bool IsValid => Standing == Standing.Valid;

    /// <summary>
    /// The standing of a prescription whose reader-facing <paramref name="status"/> (<see cref="PrescriptionStatuses"/>, with
    /// <c>expired</c> already derived from the validity) and signature check are given. A cancellation wins over everything
    /// else, then expiry, then the signature; a draft or an unknown status is <see cref="Standing.Invalid"/>.
    /// </summary>
    public static DocumentStanding Of(string status, bool signatureValid, DateTime validUntil, DateTime? cancelledAt, string? cancelReason) => status switch
    {
        PrescriptionStatuses.Cancelled => new(Standing.Cancelled, cancelledAt, string.IsNullOrWhiteSpace(cancelReason) ? null : cancelReason.Trim()),
        PrescriptionStatuses.Expired => new(Standing.Expired, validUntil),
        PrescriptionStatuses.Active when signatureValid => Valid,
        _ => new(Standing.Invalid),
    };
}
