using FluentValidation;

namespace Telemed.Modules.Clinical.Prescriptions.WritePrescription;

/// <summary>
/// A draft prescription as the doctor's form sends it: the formulary code, the dose per administration in the medicine's
/// dose unit, the route, times a day, duration in days, quantity in the medicine's dispense unit, refills
/// (<c>numberOfRepeatsAllowed</c>), free-text instructions, and — when updating — the version the doctor read.
/// </summary>
public sealed record PrescriptionRequest(string MedicineCode, decimal Dose, string Route, int TimesPerDay, int DurationDays, int Quantity, int Refills,
    string? Instructions, int Version = 0);

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
