using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Audit.Trail;
using Telemed.Modules.Audit.Verification;

namespace Telemed.Modules.Audit.Viewing;

/// <summary>
/// One trail entry as the admin sees it. <c>Sequence</c> is its place in the hash chain, null while not yet sealed; <c>Id</c> orders
/// entries as written. <c>ActorName</c> and <c>ActorRoles</c> come from the account now (Identity): the name only for staff
/// (null for a patient or an unknown account), the roles as role names; <c>ActorDisplay</c> is what was written at the time.
/// <c>Action</c> and <c>RecordType</c> are stable codes the client translates. <c>Reason</c> is as written (English for the
/// system's own reasons, as typed for a person's); when the system wrote it, <c>ReasonCode</c> names it for the client to word
/// and <c>ReasonArguments</c> holds its values (<see cref="AuditReasons.Read"/>), else both are null.
/// </summary>
public sealed record AuditEntryView(long Id, long? Sequence, DateTime OccurredAt, Guid? ActorId, string? ActorDisplay, string? ActorName,
    IReadOnlyList<string> ActorRoles, string Action, string? RecordType, string? RecordId, string? IpAddress, string Outcome, string? Reason, bool BreakGlass,
    string? ReasonCode = null, IReadOnlyDictionary<string, string>? ReasonArguments = null);

/// <summary>The values the filters offer: actions and record types the trail holds (codes, sorted), and the role names.</summary>
public sealed record AuditChoices(IReadOnlyList<string> Actions, IReadOnlyList<string> RecordTypes, IReadOnlyList<string> Roles);

internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder api)
    {
        var admin = api.MapGroup("/admin/audit").RequireAuthorization(Policies.Admin).WithTags("Audit");
        admin.MapGet("/", SearchAsync).WithName("SearchAuditTrail");
        admin.MapGet("/choices", async (AuditDbContext db, CancellationToken ct) => TypedResults.Ok(new AuditChoices(
                await db.Entries.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct),
                await db.Entries.AsNoTracking().Where(e => e.RecordType != null).Select(e => e.RecordType!).Distinct().OrderBy(r => r).ToListAsync(ct),
                Roles.All)))
            .WithName("ListAuditChoices");
        admin.MapPost("/verify", async (AuditChainVerifier verifier, AuditSealer sealer, CancellationToken ct) =>
            {
                // Seal what waits first (when this host can), so the answer covers everything written so far.
                await sealer.SealAllAsync(ct);
                var report = await verifier.VerifyAsync(ct);
                // The break is described for the admin reading it (Accept-Language); the report's numbers stay as they are.
                return TypedResults.Ok(report with { Problem = AuditProblemWording.In(report.Problem, ReaderLanguage.Current) });
            })
            .WithName("VerifyAuditTrail");
    }

    private static async Task<Results<Ok<PagedResult<AuditEntryView>>, ProblemHttpResult>> SearchAsync(
        AuditDbContext db, AuditSealer sealer, IAuditActorDirectory actorDirectory, DateTime? from, DateTime? to, Guid? actorId, string? actorRole, string? action,
        string? recordType, string? recordId, string? outcome, bool? breakGlass, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = PageRequest.From(page, pageSize);
        if (actorRole is { Length: > 0 } && !Roles.IsKnown(actorRole))
        {
            return Problems.From(BuildingBlocks.Results.Error.ValidationFailed(new Dictionary<string, string[]> { ["actorRole"] = [$"Use one of {string.Join(", ", Roles.All)}."] }));
        }

        // A period that ends before it starts is a typing error, answered as the access report answers it, not with "nothing happened".
        if (from is { } start && to is { } end && end.ToUniversalTime() < start.ToUniversalTime())
        {
            return Problems.From(BuildingBlocks.Results.Error.ValidationFailed(new Dictionary<string, string[]> { ["to"] = ["End the period on or after its start."] }));
        }

        // What the admin reads is sealed first when this host can (cheap when nothing waits).
        await sealer.SealAllAsync(ct);
        var query = db.Entries.AsNoTracking();
        if (from is { } f) query = query.Where(e => e.OccurredAt >= f.ToUniversalTime());
        if (to is { } t) query = query.Where(e => e.OccurredAt <= t.ToUniversalTime());
        if (actorId is { } a) query = query.Where(e => e.ActorId == a);
        if (!string.IsNullOrWhiteSpace(action)) query = query.Where(e => e.Action == action);
        if (!string.IsNullOrWhiteSpace(recordType)) query = query.Where(e => e.RecordType == recordType);
        if (!string.IsNullOrWhiteSpace(recordId)) query = query.Where(e => e.RecordId == recordId);
        if (breakGlass is { } bg) query = query.Where(e => e.BreakGlass == bg);
        if (actorRole is { Length: > 0 }) query = await ActorsInRole.FilterAsync(query, actorRole, actorDirectory, ct);
        if (!FilterValues.TryParse<AuditOutcome>(outcome, out var parsedOutcome))
        {
            return Problems.From(BuildingBlocks.Results.Error.ValidationFailed(new Dictionary<string, string[]> { ["outcome"] = ["Use success, failure or denied."] }));
        }

        if (parsedOutcome is { } wantedOutcome)
        {
            query = query.Where(e => e.Outcome == wantedOutcome);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var ids = items.Select(e => e.Id).ToList();
        var sequences = await db.Links.AsNoTracking().Where(l => ids.Contains(l.EntryId)).ToDictionaryAsync(l => l.EntryId, l => l.Sequence, ct);
        var actors = await actorDirectory.FindAsync(items.Where(e => e.ActorId is not null).Select(e => e.ActorId!.Value).ToHashSet(), ct);
        var views = items.Select(e =>
        {
            var card = e.ActorId is { } a ? actors.GetValueOrDefault(a) : null;
            var reason = AuditReasons.Read(e.Reason);
            return new AuditEntryView(e.Id, sequences.TryGetValue(e.Id, out var sequence) ? sequence : null, e.OccurredAt, e.ActorId, e.ActorDisplay, card?.DisplayName, card?.Roles ?? [], e.Action, e.RecordType,
                e.RecordId, e.IpAddress, e.Outcome.ToString().ToLowerInvariant(), e.Reason, e.BreakGlass, reason?.Code, reason?.Arguments);
        }).ToList();
        return TypedResults.Ok(new PagedResult<AuditEntryView>(views, total, paging.Page, paging.PageSize));
    }
}
