using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.Signing;

/// <summary>
/// Whether a doctor may write or sign a clinical document today: active, and licensed on today's local date where the care happens
/// (the consultation's or document's clinic, else the doctor's first clinic, else UTC) — see <see cref="DoctorPractisesOnlyWhileLicensed"/>.
/// </summary>
internal static class PrescriberLicence
{
    public static readonly Error Expired = new("clinical.licence_expired",
        "Your licence to practise has expired, so you cannot write or sign clinical documents. Ask an administrator to record the renewed licence.",
        ErrorKind.Unprocessable);

    /// <summary>The local date of <paramref name="utcNow"/> at <paramref name="clinicId"/> (or the doctor's first clinic; UTC without one).</summary>
    public static async Task<DateOnly> TodayAsync(IDirectoryModule directory, Guid? clinicId, DoctorSummary? doctor, DateTime utcNow, CancellationToken ct) =>
        (await ClinicZones.LoadAsync(directory, ct)).LocalDate(clinicId ?? doctor?.ClinicIds.FirstOrDefault(), utcNow);

    /// <summary>
    /// A doctor profile that is not active (suspended by an administrator, or never activated) signs nothing: the signature attests
    /// that a practising doctor wrote the document.
    /// </summary>
    public static readonly Error NotActive = new("clinical.signer_not_active",
        "Your doctor profile is not active (suspended or not yet activated), so you cannot sign clinical documents. Ask an administrator.",
        ErrorKind.Unprocessable);

    /// <summary>
    /// The refusal when <paramref name="doctor"/> is known but not active (<see cref="NotActive"/>), or active but not licensed today
    /// (<see cref="Expired"/>); null otherwise (other checks say who is not a doctor).
    /// </summary>
    public static async Task<Error?> CheckAsync(IDirectoryModule directory, Guid? clinicId, DoctorSummary? doctor, DateTime utcNow, CancellationToken ct) =>
        doctor switch
        {
            null => null,
            { Active: false } => NotActive,
            _ => DoctorPractisesOnlyWhileLicensed.On(doctor, await TodayAsync(directory, clinicId, doctor, utcNow, ct)) ? null : Expired,
        };
}
