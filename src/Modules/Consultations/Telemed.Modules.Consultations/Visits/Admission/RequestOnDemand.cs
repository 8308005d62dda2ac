using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Chat;
using Telemed.Modules.Consultations.Complaints;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Visits.Admission;

/// <summary>"See a doctor now": a specialty (≤ 100 characters), video or chat, and the complaint form.</summary>
public sealed record OnDemandRequest(string Specialty, ConsultationKind Kind, ComplaintForm Complaint);

internal sealed class OnDemandRequestValidator : AbstractValidator<OnDemandRequest>
{
    public OnDemandRequestValidator()
    {
        RuleFor(r => r.Specialty).NotEmpty().WithMessage("Choose the kind of doctor you need.").MaximumLength(100);
        RuleFor(r => r.Kind).IsDefinedEnum().WithMessage("Choose video or chat.");
        RuleFor(r => r.Complaint).NotNull().WithMessage("Describe the problem.").SetValidator(new ComplaintFormValidator());
    }
}

/// <summary>
/// POST /consultations/on-demand: a patient asks for any on-duty doctor of a specialty; the request waits in that
/// specialty's pool; asking again for the same specialty and kind while waiting keeps that one request (its complaint
/// replaced). Errors: <c>consultation.patient_not_found</c>, <c>consultation.no_such_specialty</c>, <c>consultation.photo_not_found</c>.
/// </summary>
internal sealed class RequestOnDemand(ConsultationsDbContext db, IDirectoryModule directory, Admissions admissions, TimeProvider clock)
{
    public async Task<Result<Admission>> HandleAsync(OnDemandRequest request, Guid patientUserId, CancellationToken ct)
    {
        var patientId = await directory.FindPatientIdAsync(patientUserId, ct);
        if (patientId is null)
        {
            return ConsultationErrors.PatientNotFound;
        }

        var specialty = request.Specialty.Trim();
        var doctors = await directory.FindDoctorsAsync(new DoctorFilter(Specialty: specialty), ct);
        var canonical = doctors.SelectMany(d => d.Specialties).FirstOrDefault(s => string.Equals(s, specialty, StringComparison.OrdinalIgnoreCase));
        if (canonical is null)
        {
            return ConsultationErrors.NoSuchSpecialty;
        }

        var photos = await admissions.OwnPhotosAsync(request.Complaint, patientUserId, ct);
        if (!photos.IsSuccess)
        {
            return photos.Error!;
        }

        // Asking again while already waiting (a second tab, a double submit, an impatient retry) keeps the one place in the pool,
        // with the newer complaint, instead of putting the patient in the doctors' queue twice.
        var waiting = await db.Consultations.FirstOrDefaultAsync(c => c.PatientId == patientId.Value && c.Origin == ConsultationOrigin.OnDemand
            && c.Status == ConsultationStatus.Waiting && c.Specialty == canonical && c.Kind == request.Kind, ct);
        if (waiting is not null)
        {
            return await admissions.AdmitAsync(waiting, request.Complaint, photos.Value, ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var consultation = Consultation.OnDemand(canonical, patientId.Value, patientUserId, request.Kind, now);
        db.Consultations.Add(consultation);
        db.Conversations.Add(Conversation.ForConsultation(consultation.Id, consultation.PatientId, patientUserId, null, null, now));
        return await admissions.AdmitAsync(consultation, request.Complaint, photos.Value, ct);
    }

    public static async Task<Results<Created<AdmissionView>, Ok<AdmissionView>, ProblemHttpResult>> EndpointAsync(OnDemandRequest request,
        ICurrentUser user, RequestOnDemand handler, ConsultationViews views, CancellationToken ct) =>
        await Admissions.AnswerAsync(await handler.HandleAsync(request, user.RequireUserId(), ct), views, ct);
}
