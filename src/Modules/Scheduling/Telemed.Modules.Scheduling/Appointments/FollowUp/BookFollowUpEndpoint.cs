using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Ids;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Scheduling.Appointments.FollowUp;

/// <summary>
/// A follow-up the signed-in doctor books in their own calendar for <c>PatientId</c> (opaque directory id): one of the
/// doctor's slots at <c>ClinicId</c>, starting at <c>Start</c> (UTC), of the visit kind <c>Kind</c>.
/// </summary>
public sealed record BookFollowUpRequest(Guid PatientId, Guid ClinicId, AppointmentKind Kind, DateTime Start);

internal sealed class BookFollowUpRequestValidator : AbstractValidator<BookFollowUpRequest>
{
    public BookFollowUpRequestValidator()
    {
        RuleFor(r => r.PatientId).NotEmpty().WithMessage("Choose the patient the follow-up is for.");
        RuleFor(r => r.ClinicId).NotEmpty().WithMessage("Choose a clinic.");
        RuleFor(r => r.Kind).IsDefinedEnum().WithMessage("Choose video, in person or chat.");
        RuleFor(r => r.Start).NotEmpty().WithMessage("Choose a time.").Must(BookAppointmentRequestValidator.IsPlausibleStart).WithMessage("Choose a time.");
    }
}

/// <summary>
/// POST /api/v1/scheduling/follow-ups (doctor, full sign-in; optional Idempotency-Key): the doctor books a follow-up for a
/// patient in their care, in the same transaction, idempotency and audit shape as a patient's booking (<see cref="BookAppointment"/>),
/// so the patient gets the usual booking notice and sees it in My appointments.
/// </summary>
internal static class BookFollowUpEndpoint
{
    public static void MapFollowUpEndpoints(this IEndpointRouteBuilder scheduling) =>
        scheduling.MapPost("/follow-ups", BookAsync).WithTags("Appointments")
            .RequireAuthorization(p => p.RequireRole(Roles.Doctor).RequireClaim("telemed:stage", "full"))
            .Validate<BookFollowUpRequest>().AcceptsIdempotencyKey().WithName("BookFollowUp");

    /// <summary>
    /// 201 with the appointment (200-equivalent replay of the same Idempotency-Key answers 201 with the same appointment).
    /// Errors: 404 <c>scheduling.patient_not_found</c> (unknown patient or no care relationship), 404
    /// <c>scheduling.doctor_not_found</c> (the caller has no active doctor profile), 422 <c>scheduling.slot_unavailable</c>,
    /// 409 <c>scheduling.slot_taken</c>, 422 <c>idempotency.key_reused</c>.
    /// </summary>
    private static async Task<Results<Created<AppointmentView>, ProblemHttpResult>> BookAsync(BookFollowUpRequest request, HttpRequest http,
        ICurrentUser user, IDirectoryModule directory, ICareAccess care, BookAppointment book, IdempotentRequests idempotency,
        AppointmentViews views, AuditScope audit, CancellationToken ct)
    {
        var me = user.RequireUserId();
        if (await directory.GetDoctorByUserAsync(me, ct) is not { Active: true } doctor)
        {
            return Problems.From(SchedulingErrors.DoctorNotFound);
        }

        // The care check audits a refusal itself (access.denied on the patient record).
        var decision = await care.CheckAsync(new UserId(me), new PatientId(request.PatientId), ct);
        if (FollowUpRules.ADoctorBooksAFollowUpOnlyForAPatientInTheirCare(decision) is not null
            || await directory.FindPatientUserIdAsync(request.PatientId, ct) is not { } patientUserId)
        {
            audit.Record("appointment.follow_up_refused", AuditOutcome.Denied, "Patient", request.PatientId.ToString());
            return Problems.From(SchedulingErrors.PatientNotFound);
        }

        var claim = idempotency.Claim(me, http, request);
        if (!claim.IsSuccess)
        {
            return Problems.From(claim.Error!);
        }

        var slot = new SlotRequest(doctor.DoctorId, request.ClinicId, request.Kind, request.Start);
        var outcome = await book.RunAsync(slot, request.PatientId, patientUserId, me, claim.Value, ct, auditedAs: "appointment.follow_up_booked",
            answerShowsPatientName: true);
        if (!outcome.Result.IsSuccess)
        {
            return Problems.From(outcome.Result.Error!);
        }

        var appointment = outcome.Result.Value;

        var view = await views.OneAsync(appointment, withPatientName: true, ct, AppointmentRole.Doctor, justBooked: true);
        return TypedResults.Created($"/api/v1/scheduling/appointments/{appointment.Id}", view);
    }
}
