using System.Text.Json.Serialization;
using FluentValidation;

namespace Telemed.Modules.Clinical.Prescriptions.WritePrescription;

/// <summary>
/// A draft prescription as the doctor's form sends it: the formulary code, the dose per administration in the medicine's
/// dose unit, the route, times a day, duration in days, quantity in the medicine's dispense unit, refills
/// (<c>numberOfRepeatsAllowed</c>), free-text instructions, and — when updating — the version the doctor read.
/// <c>instructions</c> must be sent (null or <c>""</c> says "none"): left out it is 400 <c>request.invalid</c> naming it, never read
/// as "none" (an update of the dose alone would silently erase the draft's instructions).
/// </summary>
public sealed record PrescriptionRequest(string MedicineCode, decimal Dose, string Route, int TimesPerDay, int DurationDays, int Quantity, int Refills,
    [property: JsonRequired] string? Instructions, int Version = 0);

internal sealed class PrescriptionRequestValidator : AbstractValidator<PrescriptionRequest>
{
    public PrescriptionRequestValidator()
    {
        RuleFor(r => r.MedicineCode).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Route).NotEmpty().MaximumLength(40);
        RuleFor(r => r.Instructions).MaximumLength(500);
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0);
    }
}
