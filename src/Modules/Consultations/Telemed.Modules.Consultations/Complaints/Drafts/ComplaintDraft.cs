using FluentValidation;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;

namespace Telemed.Modules.Consultations.Complaints.Drafts;

/// <summary>
/// A complaint form still being filled in: every field may be missing. Same limits as the form itself
/// (regions and symptoms from the body map, severity 1–10, description ≤ 4000 characters, ≤ 5 photos).
/// </summary>
public sealed record ComplaintDraftBody(
    IReadOnlyList<string>? Regions,
    int? Severity,
    ComplaintDuration? Duration,
    IReadOnlyList<string>? Symptoms,
    string? Description,
    IReadOnlyList<Guid>? PhotoIds);

internal sealed class ComplaintDraftBodyValidator : AbstractValidator<ComplaintDraftBody>
{
    public ComplaintDraftBodyValidator()
    {
        RuleForEach(d => d.Regions).Must(BodyMap.IsRegion).WithMessage("'{PropertyValue}' is not a body map region.");
        RuleFor(d => d.Regions!.Count).LessThanOrEqualTo(BodyMap.Regions.Count).When(d => d.Regions is not null).OverridePropertyName("regions");
        RuleFor(d => d.Severity).InclusiveBetween(1, 10).When(d => d.Severity is not null).WithMessage("Severity is from 1 (mild) to 10 (the worst imaginable).");
        RuleFor(d => d.Duration).IsDefinedEnum().When(d => d.Duration is not null).WithMessage("Say how long it has been going on.");
        RuleForEach(d => d.Symptoms).Must(BodyMap.IsSymptom).WithMessage("'{PropertyValue}' is not a known symptom.");
        RuleFor(d => d.Symptoms!.Count).LessThanOrEqualTo(BodyMap.Symptoms.Count).When(d => d.Symptoms is not null).OverridePropertyName("symptoms");
        RuleFor(d => d.Description).MaximumLength(4000).WithMessage("Keep the description under 4000 characters.");
        RuleFor(d => d.PhotoIds!.Count).LessThanOrEqualTo(ComplaintFormValidator.MaxPhotos).When(d => d.PhotoIds is not null)
            .WithMessage($"Attach at most {ComplaintFormValidator.MaxPhotos} photos.").OverridePropertyName("photoIds");
    }
}

/// <summary>
/// The patient's unfinished complaint form for one booked visit, kept on the server so it survives a closed tab, another
/// device, or a waiting room that is not open yet. Encrypted at rest like the complaint; gone once the patient enters.
/// </summary>
internal sealed class ComplaintDraft : IPhiRecord
{
    private ComplaintDraft()
    {
    }

    public Guid AppointmentId { get; private set; }
    public Guid PatientUserId { get; private set; }
    public string Json { get; private set; } = "";

    /// <summary>When it was last saved (UTC).</summary>
    public DateTime UpdatedAt { get; private set; }

    public string AuditRecordType => "ComplaintDraft";
    public Guid AuditRecordId => AppointmentId;

    public static ComplaintDraft For(Guid appointmentId, Guid patientUserId) => new() { AppointmentId = appointmentId, PatientUserId = patientUserId };

    public void Replace(string json, DateTime now)
    {
        Json = json;
        UpdatedAt = now;
    }
}
