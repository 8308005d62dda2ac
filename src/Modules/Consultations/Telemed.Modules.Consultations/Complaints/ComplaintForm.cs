using FluentValidation;
using Telemed.BuildingBlocks.Http;

namespace Telemed.Modules.Consultations.Complaints;

public enum ComplaintDuration { UnderAnHour, Hours, Days, Weeks, Months }

/// <summary>What the patient tells before seeing a doctor: where (body map), how bad, how long, what else, in their words, photos.</summary>
public sealed record ComplaintForm(
    IReadOnlyList<string> Regions,
    int Severity,
    ComplaintDuration Duration,
    IReadOnlyList<string>? Symptoms,
    string? Description,
    IReadOnlyList<Guid>? PhotoIds)
{
    public IReadOnlyList<string> SymptomCodes => Symptoms ?? [];

    public IReadOnlyList<Guid> Photos => PhotoIds ?? [];

    public bool Has(string symptom) => SymptomCodes.Contains(symptom, StringComparer.Ordinal);

    public bool AffectsAny(params string[] regions) => Regions.Any(r => regions.Contains(r, StringComparer.Ordinal));

    /// <summary>The patient wrote that it does not hurt ("no pain", "without chest pain"): see <see cref="Triage.PainStatements"/>.</summary>
    public bool DeniesPain => Triage.PainStatements.DeniesPain(Description);

    /// <summary>The chest is marked and the patient has not said it does not hurt: the body map's chest stands for chest pain.</summary>
    public bool HasChestPain => AffectsAny("chest") && !DeniesPain;
}

internal sealed class ComplaintFormValidator : AbstractValidator<ComplaintForm>
{
    public const int MaxPhotos = 5;

    public ComplaintFormValidator()
    {
        RuleFor(f => f.Regions).NotNull().NotEmpty().WithMessage("Show on the body map where the problem is.");
        RuleForEach(f => f.Regions).Must(BodyMap.IsRegion).WithMessage("'{PropertyValue}' is not a body map region.");
        RuleFor(f => f.Regions.Count).LessThanOrEqualTo(BodyMap.Regions.Count).When(f => f.Regions is not null).OverridePropertyName("regions");
        RuleFor(f => f.Severity).InclusiveBetween(1, 10).WithMessage("Severity is from 1 (mild) to 10 (the worst imaginable).");
        RuleFor(f => f.Duration).IsDefinedEnum().WithMessage("Say how long it has been going on.");
        RuleForEach(f => f.SymptomCodes).Must(BodyMap.IsSymptom).WithMessage("'{PropertyValue}' is not a known symptom.").OverridePropertyName("symptoms");
        RuleFor(f => f.Description).MaximumLength(4000).WithMessage("Keep the description under 4000 characters.");
        RuleFor(f => f.Photos.Count).LessThanOrEqualTo(MaxPhotos).WithMessage($"Attach at most {MaxPhotos} photos.").OverridePropertyName("photoIds");
    }
}
