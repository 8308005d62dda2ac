using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Clinical.Formulary;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Clinical.Prescriptions;

/// <summary>
/// Builds a prescription's content step by step — patient, prescriber, medicine, dose, route, frequency, duration,
/// quantity, refills — checking each step as it is taken; the first broken step's error is kept and later steps are
/// skipped. Clinical checks (dose range, allergies, ...) come after, on the built content (<c>PrescriptionChecks</c>).
/// Errors: 422 <c>clinical.unknown_patient</c>, <c>clinical.prescriber_not_active</c>, <c>clinical.licence_expired</c>, <c>clinical.unknown_medicine</c>,
/// <c>clinical.route_not_for_medicine</c>, <c>clinical.bad_dosage</c> (field named).
/// </summary>
internal sealed class PrescriptionBuilder
{
    private PatientForPrescribing? _patient;
    private FormularyMedicine? _medicine;
    private decimal _dose;
    private string _route = "";
    private int _timesPerDay;
    private int _durationDays;
    private int _quantity;
    private int _refills;
    private string _instructions = "";

    public Error? Error { get; private set; }

    public PatientForPrescribing? Patient => _patient;

    public PrescriptionBuilder ForPatient(PatientForPrescribing? patient) => Step(() => patient is null ? PrescriptionErrors.UnknownPatient : null, () => _patient = patient);

    /// <summary>
    /// Only an active doctor prescribes (a doctor profile is active only with a verified licence), and only on a day their licence
    /// covers: <paramref name="today"/> (the local date where the care happens) after its last valid day is <c>clinical.licence_expired</c>.
    /// </summary>
    public PrescriptionBuilder By(DoctorSummary? prescriber, DateOnly? today = null) => Step(() => prescriber is not { Active: true }
        ? PrescriptionErrors.PrescriberNotActive
        : today is { } day && !DoctorPractisesOnlyWhileLicensed.On(prescriber, day) ? Signing.PrescriberLicence.Expired : null, () => { });

    public PrescriptionBuilder Medicine(FormularyMedicine? medicine) => Step(() => medicine is null ? PrescriptionErrors.UnknownMedicine : null, () => _medicine = medicine);

    /// <summary>
    /// Dose per administration in the medicine's dose unit (mg, microgram): more than 0, at most 100 000, with at most
    /// <see cref="MaxDoseDecimals"/> decimal places (the printed dose shows three, so a finer dose would print rounded, even as 0).
    /// A dose below the formulary's usual range is a warning (<see cref="Checks.DailyDoseBelowUsualRange"/>).
    /// </summary>
    public PrescriptionBuilder Dose(decimal dose) => Step(
        () => dose is not (> 0 and <= 100_000) ? Bad("dose", "More than 0 and at most 100000.")
            : decimal.Round(dose, MaxDoseDecimals) != dose ? Bad("dose", $"At most {MaxDoseDecimals} decimal places.")
            : null,
        () => _dose = dose);

    /// <summary>The decimal places a dose may have: what the dosage sentence and the printed prescription show (0.###).</summary>
    public const int MaxDoseDecimals = 3;

    /// <summary>The route must be the formulary's route of the medicine (oral, inhalation, ...).</summary>
    public PrescriptionBuilder Route(string? route) => Step(
        () => string.Equals(route?.Trim(), _medicine!.Route, StringComparison.OrdinalIgnoreCase) ? null : PrescriptionErrors.WrongRoute,
        () => _route = _medicine!.Route);

    public PrescriptionBuilder Frequency(int timesPerDay) => Step(() => timesPerDay is >= 1 and <= 24 ? null : Bad("timesPerDay", "From 1 to 24."), () => _timesPerDay = timesPerDay);

    public PrescriptionBuilder Duration(int days) => Step(() => days is >= 1 and <= 365 ? null : Bad("durationDays", "From 1 to 365 days."), () => _durationDays = days);

    /// <summary>How many of the medicine's dispense unit (tablets, ml) the pharmacy hands out per dispensing.</summary>
    public PrescriptionBuilder Quantity(int quantity) => Step(() => quantity is >= 1 and <= 10_000 ? null : Bad("quantity", "From 1 to 10000."), () => _quantity = quantity);

    public PrescriptionBuilder Refills(int refills) => Step(() => refills is >= 0 and <= 12 ? null : Bad("refills", "From 0 to 12."), () => _refills = refills);

    public PrescriptionBuilder Instructions(string? text) => Step(() => (text?.Length ?? 0) <= 500 ? null : Bad("instructions", "At most 500 characters."),
        () => _instructions = text?.Trim() ?? "");

    /// <summary>The content, or the first broken step's error.</summary>
    public Result<PrescriptionContent> Build()
    {
        if (Error is not null)
        {
            return Error;
        }

        var m = _medicine!;
        return new PrescriptionContent(
            new PrescribedMedicine(m.Code, m.Name, m.ActiveIngredient, m.ActiveIngredientRu, m.AtcCode, m.Form, m.Strength, m.DoseUnit, m.DispenseUnit, m.AllergyClass),
            new DosageInstruction(_dose, _route, _timesPerDay, _durationDays, _instructions),
            new DispenseRequest(_quantity, _refills));
    }

    private PrescriptionBuilder Step(Func<Error?> check, Action take)
    {
        if (Error is null)
        {
            Error = check();
            if (Error is null)
            {
                take();
            }
        }

        return this;
    }

    private static Error Bad(string field, string message) => new("clinical.bad_dosage", "A dosage field is out of range.", ErrorKind.Unprocessable,
        new Dictionary<string, string[]> { [field] = [message] });
}
