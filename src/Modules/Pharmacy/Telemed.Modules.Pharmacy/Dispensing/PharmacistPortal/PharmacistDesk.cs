using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Pharmacy.Infrastructure;

namespace Telemed.Modules.Pharmacy.Dispensing.PharmacistPortal;

/// <summary>A prescription a pharmacist may work on: the clinical view, its dispensing state (null before any) and the pharmacist's pharmacy.</summary>
internal sealed record OpenedPrescription(PrescriptionForDispensing Prescription, PrescriptionDispensing? State, Guid PharmacyId, bool SentHere);

/// <summary>
/// Who may open a prescription at the pharmacy counter: a Pharmacist-role account that belongs to a pharmacy, for a
/// prescription sent to that pharmacy or whose QR verification code the pharmacist presents. Everyone else — another
/// pharmacy's pharmacist, front desk, admin, any doctor — is told <c>pharmacy.not_found</c>, and the refusal is audited.
/// Allowed reads are audited by the clinical facade (the prescription) and by the PHI interceptor (the dispensing state).
/// </summary>
internal sealed class PharmacistDesk(PharmacyDbContext db, PrescriptionSource prescriptions, ICurrentUser user, AuditScope audit)
{
    public const string AuditRecordType = "Prescription";

    /// <summary>The clinical module's prescriptions (none when the host has no prescriptions module).</summary>
    public PrescriptionSource Prescriptions => prescriptions;

    /// <summary>The caller's pharmacy, or null when the caller is not a pharmacist with a membership.</summary>
    public async Task<Guid?> MyPharmacyIdAsync(CancellationToken ct) =>
        user.IsInRole(Roles.Pharmacist) && user.UserId is { } me
            ? await db.Memberships.AsNoTracking().Where(m => m.UserId == me).Select(m => (Guid?)m.PharmacyId).SingleOrDefaultAsync(ct)
            : null;

    /// <summary>
    /// Opens the prescription <paramref name="prescriptionId"/>; <paramref name="presentedCode"/> (a code or a whole
    /// <c>/verify/rx/{code}</c> URL) grants access when it is this prescription's. Error: <c>pharmacy.not_found</c>.
    /// </summary>
    public async Task<Result<OpenedPrescription>> OpenAsync(Guid prescriptionId, string? presentedCode, bool tracked, CancellationToken ct)
    {
        var pharmacyId = await MyPharmacyIdAsync(ct);
        // A projection, not the entity: deciding must not count as reading the record.
        var sentTo = await db.Dispensings.AsNoTracking().Where(d => d.PrescriptionId == prescriptionId).Select(d => new { d.PharmacyId }).SingleOrDefaultAsync(ct);
        var code = VerificationCodes.Normalise(presentedCode);
        var sentHere = pharmacyId is not null && sentTo?.PharmacyId == pharmacyId;
        if (pharmacyId is null || (!sentHere && code is null))
        {
            return Deny(prescriptionId, pharmacyId is null ? "not a pharmacist of a pharmacy" : "not sent to this pharmacy");
        }

        var prescription = sentHere ? await prescriptions.FindAsync(prescriptionId, ct) : await prescriptions.FindByVerificationCodeAsync(code!, ct);
        if (prescription is null || prescription.PrescriptionId != prescriptionId)
        {
            return Deny(prescriptionId, "verification code does not match");
        }

        return await WithStateAsync(prescription, pharmacyId.Value, sentHere, tracked, ct);
    }

    /// <summary>Finds by the QR verification code (or the whole scanned URL). Error: <c>pharmacy.not_found</c>.</summary>
    public async Task<Result<OpenedPrescription>> FindByCodeAsync(string? presentedCode, CancellationToken ct)
    {
        var pharmacyId = await MyPharmacyIdAsync(ct);
        var code = VerificationCodes.Normalise(presentedCode);
        if (pharmacyId is null || code is null)
        {
            audit.Record(AuditActions.AccessDenied, AuditOutcome.Denied, AuditRecordType, null, pharmacyId is null ? "not a pharmacist of a pharmacy" : "no verification code");
            return DispensingRules.NotFound;
        }

        if (await prescriptions.FindByVerificationCodeAsync(code, ct) is not { } prescription)
        {
            audit.Record(AuditActions.AccessDenied, AuditOutcome.Denied, AuditRecordType, null, "unknown verification code");
            return DispensingRules.NotFound;
        }

        var sentTo = await db.Dispensings.AsNoTracking().Where(d => d.PrescriptionId == prescription.PrescriptionId).Select(d => d.PharmacyId).SingleOrDefaultAsync(ct);
        return await WithStateAsync(prescription, pharmacyId.Value, sentTo == pharmacyId, false, ct);
    }

    private async Task<Result<OpenedPrescription>> WithStateAsync(PrescriptionForDispensing prescription, Guid pharmacyId, bool sentHere, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Dispensings : db.Dispensings.AsNoTracking();
        var state = await query.SingleOrDefaultAsync(d => d.PrescriptionId == prescription.PrescriptionId, ct);
        return new OpenedPrescription(prescription, state, pharmacyId, sentHere);
    }

    private Error Deny(Guid prescriptionId, string why)
    {
        audit.RecordDenied(AuditRecordType, prescriptionId, why);
        return DispensingRules.NotFound;
    }
}

/// <summary>The verification code printed in a prescription's QR code, typed or pasted as the whole scanned URL.</summary>
internal static class VerificationCodes
{
    public const int MaxLength = 128;

    /// <summary>
    /// The bare code: the last path segment after <c>/verify/rx/</c> when a URL is given (query and fragment dropped),
    /// trimmed; null when nothing plausible is left (empty, too long, or characters other than letters, digits, - and _).
    /// </summary>
    public static string? Normalise(string? presented)
    {
        if (string.IsNullOrWhiteSpace(presented))
        {
            return null;
        }

        var text = presented.Trim();
        var marker = text.IndexOf("/verify/rx/", StringComparison.OrdinalIgnoreCase);
        if (marker >= 0)
        {
            text = text[(marker + "/verify/rx/".Length)..];
        }

        var end = text.IndexOfAny(['/', '?', '#']);
        text = (end >= 0 ? text[..end] : text).Trim();
        return text.Length is > 0 and <= MaxLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? text : null;
    }
}

/// <summary>
/// <see cref="IPrescriptionsForDispensing"/> when the host has a module that implements it, otherwise a source with no
/// prescriptions: the pharmacy module (pharmacies, memberships, "near me") then still starts and works, and every
/// prescription is simply not found.
/// </summary>
internal sealed class PrescriptionSource(IServiceProvider services)
{
    private readonly IPrescriptionsForDispensing? _inner = services.GetService<IPrescriptionsForDispensing>();

    public Task<PrescriptionForDispensing?> FindAsync(Guid prescriptionId, CancellationToken ct) =>
        _inner?.FindAsync(prescriptionId, ct) ?? Task.FromResult<PrescriptionForDispensing?>(null);

    public Task<PrescriptionForDispensing?> FindByVerificationCodeAsync(string code, CancellationToken ct) =>
        _inner?.FindByVerificationCodeAsync(code, ct) ?? Task.FromResult<PrescriptionForDispensing?>(null);
}
