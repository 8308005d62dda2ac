using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Ids;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.FrontOffice.Infrastructure;
using Telemed.Modules.FrontOffice.Messages;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.FrontOffice.ReviewFlags;

/// <summary>Ask a doctor (by the directory's doctor id, as listed by GET /doctors) to review a patient's record, with a reason of 1–1,000 characters.</summary>
public sealed record RaiseReviewFlagRequest(Guid DoctorId, string Reason);

/// <summary>A doctor's answer when resolving a review request (optional, up to 1,000 characters).</summary>
public sealed record ResolveReviewFlagRequest(string? Note);

/// <summary>A review request; <c>status</c> is <c>open</c> or <c>resolved</c>; UTC instants.</summary>
public sealed record ReviewFlagView(Guid Id, Guid PatientId, string PatientName, Guid DoctorUserId, string DoctorName, string Reason, string Status,
    DateTime RaisedAt, DateTime? ResolvedAt, string ResolutionNote);

internal sealed class RaiseReviewFlagRequestValidator : AbstractValidator<RaiseReviewFlagRequest>
{
    public RaiseReviewFlagRequestValidator()
    {
        RuleFor(r => r.DoctorId).NotEqual(Guid.Empty).WithMessage("Choose a doctor.");
        RuleFor(r => r.Reason).NotEmpty().WithMessage("Say what the doctor should look at.").MaximumLength(ReviewFlag.MaxReasonLength);
    }
}

internal sealed class ResolveReviewFlagRequestValidator : AbstractValidator<ResolveReviewFlagRequest>
{
    public ResolveReviewFlagRequestValidator() => RuleFor(r => r.Note).MaximumLength(ReviewFlag.MaxReasonLength);
}

/// <summary>
/// Review requests: the front desk raises them on a patient (which gives the doctor a referral care relationship for
/// <see cref="ReferralDays"/> days, so the doctor can open the record) and lists a patient's; a doctor lists their own and
/// resolves them. A doctor never sees another doctor's requests (404).
/// </summary>
internal static class ReviewFlagEndpoints
{
    public const int ReferralDays = 30;
    public static readonly Error DoctorNotFound = Error.Validation("front_office.doctor_not_found", "Choose an active doctor.");

    public static void MapReviewFlagEndpoints(this IEndpointRouteBuilder api)
    {
        var desk = api.MapGroup("/front-desk/patients/{patientId:guid}/review-flags").WithTags("Front office").RequireAuthorization(Policies.FrontDesk);
        desk.MapGet("", ForPatientAsync).WithName("ListPatientReviewFlags");
        desk.MapPost("", RaiseAsync).Validate<RaiseReviewFlagRequest>().AcceptsIdempotencyKey().WithName("RaiseReviewFlag");

        var doctor = api.MapGroup("/doctor/review-flags").WithTags("Front office").RequireAuthorization(Policies.Doctor);
        doctor.MapGet("", MineAsync).WithName("ListMyReviewFlags");
        doctor.MapPost("/{id:guid}/resolve", ResolveAsync).Validate<ResolveReviewFlagRequest>().WithName("ResolveReviewFlag");
    }

    /// <summary>The operation's name in <c>create_request_keys</c>.</summary>
    public const string RaiseOperation = "front_office.raise_review_flag";

    /// <summary>
    /// 201 with the request raised; 404 <c>front_office.patient_not_found</c>, 400 <c>front_office.doctor_not_found</c>. With an
    /// <c>Idempotency-Key</c> header one request per key: the same request sent again (a lost answer, a second click, or twice at once)
    /// is answered 201 with the request it raised; the same key with another doctor, reason or patient is 422
    /// <c>idempotency.key_reused</c>, a key over 100 characters 400 <c>idempotency.key_invalid</c> (docs/api-v1.md, "Retrying a create").
    /// </summary>
    private static async Task<Results<Created<ReviewFlagView>, ProblemHttpResult>> RaiseAsync(Guid patientId, RaiseReviewFlagRequest request, HttpRequest http,
        IDirectoryModule directory, ICareAccess care, FrontOfficeDbContext db, ICurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (await directory.FindPatientUserIdAsync(patientId, ct) is null)
        {
            return Problems.From(ClinicMessageEndpoints.PatientNotFound);
        }

        // Before the doctor's check: a retry is answered with the flag raised even should the doctor have left since.
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = await db.ClaimAsync(http, user.RequireUserId(), RaiseOperation, new { patientId, request.DoctorId, request.Reason }, now, ct);
        if (claim.Answer is { } answer)
        {
            return await AnswerOfAsync(answer, patientId, directory, care, db, ct);
        }

        if ((await directory.FindDoctorsAsync(new DoctorFilter(DoctorId: request.DoctorId), ct)).FirstOrDefault() is not { } doctor)
        {
            return Problems.From(DoctorNotFound);
        }

        var raised = ReviewFlag.Raise(patientId, doctor.UserId, user.RequireUserId(), request.Reason, now);
        if (!raised.IsSuccess)
        {
            return Problems.From(raised.Error!);
        }

        db.Flags.Add(raised.Value);
        if (await db.SaveCreatedAsync(claim.Key, raised.Value.Id, ct) is { } raced)
        {
            return await AnswerOfAsync(raced, patientId, directory, care, db, ct);
        }

        return await GrantedAsync(raised.Value, directory, care, ct);
    }

    /// <summary>
    /// The answer to an earlier request with the same key: 201 with the flag it raised (its doctor's access granted again, in case
    /// the first request ended before granting it), its key's error (422), or 404 <c>front_office.patient_not_found</c> should the
    /// flag be gone (the patient's erasure).
    /// </summary>
    private static Task<Results<Created<ReviewFlagView>, ProblemHttpResult>> AnswerOfAsync(Result<Guid> earlier, Guid patientId, IDirectoryModule directory,
        ICareAccess care, FrontOfficeDbContext db, CancellationToken ct) =>
        earlier.AnswerAsync(async id => await db.Flags.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id && f.PatientId == patientId, ct) is { } flag
            ? await GrantedAsync(flag, directory, care, ct)
            : null, ClinicMessageEndpoints.PatientNotFound);

    /// <summary>
    /// 201 with the committed <paramref name="flag"/> (and its notice on its way), once its doctor has the access to act on it, whatever
    /// becomes of the request. Granted until the flag's own raise time plus <see cref="ReferralDays"/>, so a retry never extends it.
    /// </summary>
    private static async Task<Created<ReviewFlagView>> GrantedAsync(ReviewFlag flag, IDirectoryModule directory, ICareAccess care, CancellationToken ct)
    {
        await care.GrantAsync(new UserId(flag.DoctorUserId), new PatientId(flag.PatientId), CareRelationshipKind.Referral, flag.RaisedAt.AddDays(ReferralDays),
            CancellationToken.None);
        return TypedResults.Created($"/api/v1/doctor/review-flags/{flag.Id}", (await ViewsAsync([flag], directory, ct)).Single());
    }

    private static async Task<Results<Ok<IReadOnlyList<ReviewFlagView>>, ProblemHttpResult>> ForPatientAsync(Guid patientId, IDirectoryModule directory,
        FrontOfficeDbContext db, CancellationToken ct)
    {
        if (await directory.FindPatientUserIdAsync(patientId, ct) is null)
        {
            return Problems.From(ClinicMessageEndpoints.PatientNotFound);
        }

        var flags = await db.Flags.AsNoTracking().Where(f => f.PatientId == patientId).OrderByDescending(f => f.RaisedAt).Take(100).ToListAsync(ct);
        return TypedResults.Ok(await ViewsAsync(flags, directory, ct));
    }

    /// <summary>The calling doctor's requests: open ones first (oldest first), then the 50 most recently resolved.</summary>
    private static async Task<Ok<IReadOnlyList<ReviewFlagView>>> MineAsync(IDirectoryModule directory, FrontOfficeDbContext db, ICurrentUser user, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var open = await db.Flags.AsNoTracking().Where(f => f.DoctorUserId == me && f.ResolvedAt == null).OrderBy(f => f.RaisedAt).Take(200).ToListAsync(ct);
        var resolved = await db.Flags.AsNoTracking().Where(f => f.DoctorUserId == me && f.ResolvedAt != null).OrderByDescending(f => f.ResolvedAt).Take(50).ToListAsync(ct);
        return TypedResults.Ok(await ViewsAsync([.. open, .. resolved], directory, ct));
    }

    private static async Task<Results<Ok<ReviewFlagView>, ProblemHttpResult>> ResolveAsync(Guid id, ResolveReviewFlagRequest request, IDirectoryModule directory,
        FrontOfficeDbContext db, ICurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var me = user.RequireUserId();
        // Only the addressed doctor's flags are loaded: another doctor's is never read, so never audited as read by them.
        var flag = await db.Flags.SingleOrDefaultAsync(f => f.Id == id && f.DoctorUserId == me, ct);
        if (flag is null)
        {
            return Problems.From(FrontOfficeRules.NotYourFlag);
        }

        var resolved = flag.Resolve(me, request.Note, clock.GetUtcNow().UtcDateTime);
        if (!resolved.IsSuccess)
        {
            return Problems.From(resolved.Error!);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ViewsAsync([flag], directory, ct)).Single());
    }

    private static async Task<IReadOnlyList<ReviewFlagView>> ViewsAsync(IReadOnlyList<ReviewFlag> flags, IDirectoryModule directory, CancellationToken ct)
    {
        if (flags.Count == 0)
        {
            return [];
        }

        var patients = await directory.GetPatientNamesAsync(flags.Select(f => f.PatientId).Distinct().ToList(), ct);
        var doctors = await directory.GetDoctorNamesByUserAsync(flags.Select(f => f.DoctorUserId).Distinct().ToList(), ct);
        return flags.Select(f => new ReviewFlagView(f.Id, f.PatientId, patients.GetValueOrDefault(f.PatientId, ""), f.DoctorUserId,
            doctors.GetValueOrDefault(f.DoctorUserId, ""), f.Reason, f.ResolvedAt is null ? "open" : "resolved", f.RaisedAt, f.ResolvedAt, f.ResolutionNote)).ToList();
    }
}
