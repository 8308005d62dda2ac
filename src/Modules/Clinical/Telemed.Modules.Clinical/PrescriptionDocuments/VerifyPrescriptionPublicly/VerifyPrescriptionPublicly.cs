using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Pharmacy.Contracts;

namespace Telemed.Modules.Clinical.PrescriptionDocuments.VerifyPrescriptionPublicly;

/// <summary>
/// What anyone holding a prescription's QR code may see (seed 004: a pharmacy without an integration): whether it is valid
/// now, its status, issue date and validity (UTC), the medicine and quantity, the prescriber and clinic, the signature's
/// check, and the patient reduced to initials and birth year. <paramref name="Valid"/> is true only when the prescription
/// is active, within its validity and its signature verifies. <paramref name="Dispensing"/> is the pharmacy's progress:
/// "none" until the patient sends it to a pharmacy, then one of the pharmacy module's <c>DispensingStatuses</c> (sent,
/// partiallyDispensed, dispensed, declined). The texts follow the reader's language (<c>Accept-Language</c>): the medicine
/// ("Амоксициллин 500 мг, капсулы"), form, strength, clinic, <paramref name="QuantityUnit"/> as a label word ("капсулы") and
/// <paramref name="QuantityText"/> the count with its unit in its plural form ("21 капсула"; "21 capsules" in English).
/// </summary>
public sealed record PublicPrescriptionVerification(
    bool Valid,
    string Status,
    bool SignatureValid,
    DateTime IssuedAt,
    DateTime ValidUntil,
    string MedicineName,
    string Form,
    string Strength,
    int Quantity,
    string QuantityUnit,
    int Refills,
    string PatientInitials,
    int PatientBirthYear,
    string PrescriberName,
    string ClinicName,
    string Dispensing,
    string QuantityText);

/// <summary>
/// GET /public/prescriptions/{code}: the public verification page's data, anonymous and rate-limited like other public
/// reads. The code is the QR's random verification code; an unknown or malformed one gives 404
/// <c>clinical.prescription_not_found</c> (the same answer, so codes cannot be probed by shape). Each answer is audited as a
/// read of the prescription by an anonymous actor (the facade records it).
/// </summary>
internal static class VerifyPrescriptionPublicly
{
    public static readonly Error NotFound = new("clinical.prescription_not_found", "No prescription has this verification code.", ErrorKind.NotFound);

    public static async Task<Results<Ok<PublicPrescriptionVerification>, ProblemHttpResult>> EndpointAsync(string code, [FromServices] IPrescriptionsForDispensing prescriptions,
        IDispensingStatus dispensing, TimeProvider clock, CancellationToken ct)
    {
        if (code.Length is < 8 or > 64 || !code.All(char.IsAsciiLetterOrDigit))
        {
            return Problems.From(NotFound);
        }

        var rx = await prescriptions.FindByVerificationCodeAsync(code, ct);
        if (rx is null)
        {
            return Problems.From(NotFound);
        }

        var progress = (await dispensing.GetAsync([rx.PrescriptionId], ct)).GetValueOrDefault(rx.PrescriptionId)?.Status ?? "none";
        var now = clock.GetUtcNow().UtcDateTime;
        var valid = rx.Status == PrescriptionStatuses.Active && rx.ValidUntil > now && rx.SignatureValid;
        return TypedResults.Ok(new PublicPrescriptionVerification(valid, rx.Status, rx.SignatureValid, rx.IssuedAt, rx.ValidUntil, rx.MedicineName, rx.Form,
            rx.Strength, rx.Quantity, DispenseUnitWords.Label(rx.QuantityUnit, ReaderLanguage.Current), rx.Refills, rx.PatientInitials, rx.PatientBirthYear,
            rx.PrescriberName, rx.ClinicName, progress, DispenseUnitWords.Count(rx.Quantity, rx.QuantityUnit, ReaderLanguage.Current)));
    }
}
