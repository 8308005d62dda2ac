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

    /// <summary>The refusal when <paramref name="doctor"/> is known and active but not licensed today; null otherwise (other checks say who is not a doctor).</summary>
    public static async Task<Error?> CheckAsync(IDirectoryModule directory, Guid? clinicId, DoctorSummary? doctor, DateTime utcNow, CancellationToken ct) =>
        doctor is { Active: true } && !DoctorPractisesOnlyWhileLicensed.On(doctor, await TodayAsync(directory, clinicId, doctor, utcNow, ct)) ? Expired : null;
}
