using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Infrastructure;

namespace Telemed.Modules.Directory.Patients.Dependents;

/// <summary>A child on a guardian's account: who (names, date of birth, sex). PHI: reads and writes are audited.</summary>
public sealed record DependentView(Guid Id, string GivenName, string FamilyName, DateOnly DateOfBirth, string Sex);

/// <summary>Add a child: names, date of birth (under 18 today), sex (female, male, other, unknown).</summary>
public sealed record AddDependentRequest(string GivenName, string FamilyName, DateOnly DateOfBirth, string Sex);

internal sealed class AddDependentRequestValidator : AbstractValidator<AddDependentRequest>
{
    public AddDependentRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.GivenName).NotEmpty().WithMessage("Enter the child's given name.").MaximumLength(100);
        RuleFor(r => r.FamilyName).NotEmpty().WithMessage("Enter the child's family name.").MaximumLength(100);
        RuleFor(r => r.DateOfBirth).Must(d => DependentRules.IsAMinorOn(d, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
            .WithMessage("A child added to your account is under 18 and already born; adults register themselves.");
        RuleFor(r => r.Sex).Must(s => s is "female" or "male" or "other" or "unknown").WithMessage("Choose female, male, other or unknown.");
    }
}

/// <summary>
/// /me/dependents: a patient's children. GET lists them, POST adds one (201), GET /{id} reads one. Only a guardian
/// reaches a child here: anyone else gets <c>not_found</c> (404), audited as denied.
/// </summary>
internal static class DependentEndpoints
{
    public const string RecordType = "PatientDemographics";

    public static void MapDependentEndpoints(this IEndpointRouteBuilder api)
    {
        var dependents = api.MapGroup("/me/dependents").RequireAuthorization(Policies.Patient).WithTags("Patients");
        dependents.MapGet("/", ListAsync).WithName("ListMyDependents");
        dependents.MapPost("/", AddAsync).Validate<AddDependentRequest>().AcceptsIdempotencyKey().WithName("AddDependent");
        dependents.MapGet("/{id:guid}", GetAsync).WithName("GetMyDependent");
    }

    private static DependentView View(PatientProfile p) => new(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex);

    private static async Task<Ok<List<DependentView>>> ListAsync(DirectoryDbContext db, ICurrentUser user, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var ids = await db.Guardians.AsNoTracking().Where(g => g.GuardianUserId == me).Select(g => g.PatientId).ToListAsync(ct);
        var children = await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        return TypedResults.Ok(children.OrderBy(c => c.DateOfBirth).Select(View).ToList());
    }

    private static async Task<Results<Ok<DependentView>, ProblemHttpResult>> GetAsync(Guid id, DirectoryDbContext db, ICurrentUser user, AuditScope audit,
        CancellationToken ct)
    {
        var me = user.RequireUserId();
        if (!await db.Guardians.AsNoTracking().AnyAsync(g => g.PatientId == id && g.GuardianUserId == me, ct))
        {
            audit.Record("patient.dependent.read", AuditOutcome.Denied, RecordType, id.ToString());
            return Problems.From(Error.NotFound());
        }

        var child = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == id, ct);
        return TypedResults.Ok(View(child));
    }

    /// <summary>The operation's name in <c>create_request_keys</c>.</summary>
    public const string AddOperation = "directory.add_dependent";

    /// <summary>
    /// 201 with the child added. With an <c>Idempotency-Key</c> header one child per key: the same request sent again (a lost answer,
    /// a retry after an error, or twice at once) is answered 201 with the child it added; the same key with another body is 422
    /// <c>idempotency.key_reused</c>, a key over 100 characters 400 <c>idempotency.key_invalid</c> (docs/api-v1.md, "Retrying a create").
    /// </summary>
    private static async Task<Results<Created<DependentView>, ProblemHttpResult>> AddAsync(AddDependentRequest request, HttpRequest http, DirectoryDbContext db,
        PatientRecords records, ICurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var me = user.RequireUserId();
        var guardian = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == me, ct);
        if (guardian is null)
        {
            return Problems.From(Error.NotFound());
        }

        var claim = CreateRequestKeys.Claim(http, me, AddOperation, request, clock.GetUtcNow().UtcDateTime);
        if (!claim.IsSuccess)
        {
            return Problems.From(claim.Error!);
        }

        if (claim.Value is { } key && await db.EarlierAsync(key, ct) is { } earlier)
        {
            return await AnswerOfAsync(earlier, db, ct);
        }

        // The child's own (reserved) account id: no login yet. No e-mail or phone of their own: the guardian is the contact
        // (GuardianContact), so a search by the parent's phone finds the parent only.
        var child = records.Add(new NewPatientProfile(Guid.NewGuid(), request.GivenName, request.FamilyName, request.DateOfBirth, request.Sex,
            "", "", guardian.Address, guardian.PreferredLanguage, "", "", [], []));
        db.Guardians.Add(new PatientGuardian { PatientId = child.Id, GuardianUserId = me, CreatedAt = clock.GetUtcNow().UtcDateTime });
        if (await db.SaveCreatedAsync(claim.Value, child.Id, ct) is { } raced)
        {
            return await AnswerOfAsync(raced, db, ct);
        }

        return TypedResults.Created($"/api/v1/me/dependents/{child.Id}", View(child));
    }

    /// <summary>The answer to an earlier request with the same key: 201 with the child it added, or its key's error (422).</summary>
    private static async Task<Results<Created<DependentView>, ProblemHttpResult>> AnswerOfAsync(Result<Guid> earlier, DirectoryDbContext db, CancellationToken ct)
    {
        if (!earlier.IsSuccess)
        {
            return Problems.From(earlier.Error!);
        }

        // Should the profile be gone, the retry gets 404: never a failure, and never a second child.
        if (await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == earlier.Value, ct) is not { } child)
        {
            return Problems.From(Error.NotFound());
        }

        return TypedResults.Created($"/api/v1/me/dependents/{child.Id}", View(child));
    }
}
