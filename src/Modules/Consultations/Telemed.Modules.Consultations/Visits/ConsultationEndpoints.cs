using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Complaints;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Triage;

namespace Telemed.Modules.Consultations.Visits;

public sealed record OnDemandRequest(string Specialty, ConsultationKind Kind, ComplaintForm Complaint);
public sealed record FailRequest(FailureReason Reason, string? Details);
public sealed record NotesRequest(string Text);
public sealed record NotesView(string Text, DateTime? UpdatedAt);
public sealed record AdmissionView(bool Admitted, TriageResult Triage, ConsultationView? Consultation);
public sealed record ComplaintView(Guid ConsultationId, ComplaintForm Complaint, string Summary, TriageResult Triage);
public sealed record BodyMapView(IReadOnlyList<BodyRegion> Regions, IReadOnlyList<SymptomOption> Symptoms);

internal sealed class OnDemandRequestValidator : AbstractValidator<OnDemandRequest>
{
    public OnDemandRequestValidator()
    {
        RuleFor(r => r.Specialty).NotEmpty().WithMessage("Choose the kind of doctor you need.").MaximumLength(100);
        RuleFor(r => r.Kind).IsInEnum().WithMessage("Choose video or chat.");
        RuleFor(r => r.Complaint).NotNull().WithMessage("Describe the problem.").SetValidator(new ComplaintFormValidator());
    }
}

internal sealed class FailRequestValidator : AbstractValidator<FailRequest>
{
    public FailRequestValidator()
    {
        RuleFor(r => r.Reason).IsInEnum().NotEqual(FailureReason.EmergencyAdvised).WithMessage("Choose why the consultation did not take place.");
        RuleFor(r => r.Details).MaximumLength(1000);
    }
}

internal sealed class NotesRequestValidator : AbstractValidator<NotesRequest>
{
    public NotesRequestValidator() => RuleFor(r => r.Text).NotNull().MaximumLength(20000).WithMessage("Notes are limited to 20000 characters.");
}

internal static class ConsultationEndpoints
{
    public static void MapConsultationEndpoints(this IEndpointRouteBuilder consultations)
    {
        consultations.MapGet("/body-regions", () => TypedResults.Ok(new BodyMapView(BodyMap.Regions, BodyMap.Symptoms)))
            .RequireAuthorization(Policies.SignedIn).WithTags("Complaints").WithName("GetBodyMap");
        consultations.MapPost("/triage", (ComplaintForm form) => TypedResults.Ok(TriageRules.Assess(form)))
            .RequireAuthorization(Policies.SignedIn).Validate<ComplaintForm>().WithTags("Complaints").WithName("AssessComplaint");

        var visits = consultations.MapGroup("").WithTags("Consultations");
        visits.MapPost("/appointments/{appointmentId:guid}/enter", EnterAsync).RequireAuthorization(Policies.Patient).Validate<ComplaintForm>().WithName("EnterWaitingRoom");
        visits.MapPost("/on-demand", OnDemandAsync).RequireAuthorization(Policies.Patient).Validate<OnDemandRequest>().WithName("RequestOnDemandConsultation");
        visits.MapGet("/mine", MineAsync).RequireAuthorization(Policies.Patient).WithName("ListMyConsultations");
        visits.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.SignedIn).WithName("GetConsultation");
        visits.MapGet("/{id:guid}/complaint", ComplaintAsync).RequireAuthorization(Policies.SignedIn).WithName("GetConsultationComplaint");
        visits.MapPost("/{id:guid}/accept", AcceptAsync).RequireAuthorization(Policies.Doctor).WithName("AcceptConsultation");
        visits.MapPost("/{id:guid}/end", EndAsync).RequireAuthorization(Policies.Doctor).WithName("EndConsultation");
        visits.MapPost("/{id:guid}/fail", FailAsync).RequireAuthorization(Policies.SignedIn).Validate<FailRequest>().WithName("FailConsultation");
        visits.MapGet("/{id:guid}/notes", GetNotesAsync).RequireAuthorization(Policies.Doctor).WithName("GetConsultationNotes");
        visits.MapPut("/{id:guid}/notes", PutNotesAsync).RequireAuthorization(Policies.Doctor).Validate<NotesRequest>().WithName("WriteConsultationNotes");
    }

    private static async Task<Results<Created<AdmissionView>, Ok<AdmissionView>, ProblemHttpResult>> EnterAsync(Guid appointmentId, ComplaintForm complaint,
        ICurrentUser user, ConsultationService service, ConsultationViews views, CancellationToken ct) =>
        await ToAdmission(await service.EnterForAppointmentAsync(appointmentId, user.RequireUserId(), complaint, ct), views, ct);

    private static async Task<Results<Created<AdmissionView>, Ok<AdmissionView>, ProblemHttpResult>> OnDemandAsync(OnDemandRequest request,
        ICurrentUser user, ConsultationService service, ConsultationViews views, CancellationToken ct) =>
        await ToAdmission(await service.RequestOnDemandAsync(request.Specialty.Trim(), request.Kind, user.RequireUserId(), request.Complaint, ct), views, ct);

    private static async Task<Results<Created<AdmissionView>, Ok<AdmissionView>, ProblemHttpResult>> ToAdmission(Result<Admission> result, ConsultationViews views, CancellationToken ct)
    {
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error!);
        }

        var admission = result.Value;
        if (!admission.Admitted)
        {
            // Red flags: the answer is the emergency advice; nothing was queued.
            return TypedResults.Ok(new AdmissionView(false, admission.Triage, null));
        }

        var view = await views.OneAsync(admission.Consultation, forStaff: false, ct);
        return TypedResults.Created($"/api/v1/consultations/{admission.Consultation.Id}", new AdmissionView(true, admission.Triage, view));
    }

    private static async Task<Ok<List<ConsultationView>>> MineAsync(ICurrentUser user, ConsultationsDbContext db, ConsultationViews views, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var mine = await db.Consultations.Where(c => c.PatientUserId == me).OrderByDescending(c => c.CreatedAt).Take(100).ToListAsync(ct);
        var result = new List<ConsultationView>();
        foreach (var c in mine)
        {
            result.Add(await views.OneAsync(c, forStaff: false, ct));
        }

        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<ConsultationView>, ProblemHttpResult>> GetAsync(Guid id, ConsultationAccess access, ConsultationViews views, CancellationToken ct)
    {
        var (c, role) = await access.FindAsync(id, ct, track: false);
        return c is null ? Problems.From(ConsultationErrors.NotFound) : TypedResults.Ok(await views.OneAsync(c, role != ConsultationRole.Patient, ct));
    }

    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> ComplaintAsync(Guid id, ConsultationAccess access, CancellationToken ct)
    {
        var (c, _) = await access.FindAsync(id, ct, track: false);
        if (c is null || ConsultationViews.ComplaintOf(c) is not { } form)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        return TypedResults.Ok(new ComplaintView(c.Id, form, c.ComplaintSummary, ConsultationViews.TriageOf(c)));
    }

    private static async Task<Results<Ok<ConsultationView>, ProblemHttpResult>> AcceptAsync(Guid id, ICurrentUser user, ConsultationAccess access,
        ConsultationService service, ConsultationViews views, CancellationToken ct)
    {
        var (c, role) = await access.FindAsync(id, ct, track: false);
        if (c is null)
        {
            // Someone else's booked patient, or a pool request that was taken a moment ago.
            var taken = await access.WasTakenByAnotherDoctorAsync(id, ct);
            return Problems.From(taken ? ConsultationErrors.AlreadyTaken : ConsultationErrors.NotFound);
        }

        if (role == ConsultationRole.Patient)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        var accepted = await service.AcceptAsync(id, user.RequireUserId(), ct);
        return accepted.IsSuccess ? TypedResults.Ok(await views.OneAsync(accepted.Value, forStaff: true, ct)) : Problems.From(accepted.Error!);
    }

    private static async Task<Results<Ok<ConsultationView>, ProblemHttpResult>> EndAsync(Guid id, ConsultationAccess access, ConsultationService service,
        ConsultationViews views, CancellationToken ct)
    {
        var (c, role) = await access.FindAsync(id, ct);
        if (c is null || role != ConsultationRole.Doctor)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        var ended = await service.EndAsync(c, ct);
        return ended.IsSuccess ? TypedResults.Ok(await views.OneAsync(ended.Value, forStaff: true, ct)) : Problems.From(ended.Error!);
    }

    private static async Task<Results<Ok<ConsultationView>, ProblemHttpResult>> FailAsync(Guid id, FailRequest request, ConsultationAccess access,
        ConsultationService service, ConsultationViews views, CancellationToken ct)
    {
        var (c, role) = await access.FindAsync(id, ct);
        if (c is null || role == ConsultationRole.PoolDoctor)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        if (role == ConsultationRole.Patient && request.Reason != FailureReason.PatientLeft)
        {
            return Problems.From(ConsultationErrors.PatientMayOnlyLeave);
        }

        var failed = await service.FailAsync(c, request.Reason, request.Details, ct);
        return failed.IsSuccess ? TypedResults.Ok(await views.OneAsync(failed.Value, role != ConsultationRole.Patient, ct)) : Problems.From(failed.Error!);
    }

    private static async Task<Results<Ok<NotesView>, ProblemHttpResult>> GetNotesAsync(Guid id, ConsultationAccess access, CancellationToken ct)
    {
        var (c, role) = await access.FindAsync(id, ct, track: false);
        return c is null || role != ConsultationRole.Doctor ? Problems.From(ConsultationErrors.NotFound) : TypedResults.Ok(new NotesView(c.Notes ?? "", c.NotesUpdatedAt));
    }

    private static async Task<Results<Ok<NotesView>, ProblemHttpResult>> PutNotesAsync(Guid id, NotesRequest request, ConsultationAccess access,
        ConsultationService service, CancellationToken ct)
    {
        var (c, role) = await access.FindAsync(id, ct);
        if (c is null || role != ConsultationRole.Doctor)
        {
            return Problems.From(ConsultationErrors.NotFound);
        }

        var written = await service.WriteNotesAsync(c, request.Text, ct);
        return written.IsSuccess ? TypedResults.Ok(new NotesView(written.Value.Notes ?? "", written.Value.NotesUpdatedAt)) : Problems.From(written.Error!);
    }
}
