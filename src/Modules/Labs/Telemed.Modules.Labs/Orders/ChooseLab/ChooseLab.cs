using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Labs.Gateway;
using Telemed.Modules.Labs.Infrastructure;
using Telemed.Modules.Labs.Results;

namespace Telemed.Modules.Labs.Orders.ChooseLab;

/// <summary>The partner lab the patient chooses (one from <c>GET /me/lab-orders/{id}/partner-labs</c>).</summary>
public sealed record ChooseLabRequest(Guid PartnerLabId);

internal sealed class ChooseLabRequestValidator : AbstractValidator<ChooseLabRequest>
{
    public ChooseLabRequestValidator() => RuleFor(r => r.PartnerLabId).NotEmpty();
}

/// <summary>A partner lab a patient may choose: name and address (no URLs).</summary>
public sealed record PartnerLabChoice(Guid Id, string Name, string Address);

/// <summary>
/// The patient's side of an order: list their orders, the labs they may choose for one, and choose — which sends the order
/// through the lab gateway at once (if the lab is unreachable the order stays <c>awaitingLab</c> with the lab chosen and the
/// polling worker retries). Someone else's order: 404 <c>labs.not_found</c> (audited).
/// </summary>
internal static class ChooseLab
{
    public static readonly Error LabNotAvailable = new("labs.lab_not_available", "Choose one of the clinic's partner labs.", ErrorKind.Unprocessable);

    /// <summary>
    /// GET /me/lab-orders: the caller's orders and those of every dependant it is a guardian of (<see cref="MyPatients"/>), newest first;
    /// a dependant's names its patient (<c>patientName</c>). Each order listed is audited as read.
    /// </summary>
    public static async Task<Ok<IReadOnlyList<LabOrderView>>> MineAsync(string? lang, LabsDbContext db, MyPatients mine, LabAccess access, CancellationToken ct)
    {
        var patients = await mine.LoadAsync(ct);
        var ids = patients.Ids;
        var orders = ids.Count == 0 ? [] : await db.Orders.AsNoTracking().Where(o => ids.Contains(o.PatientId)).OrderByDescending(o => o.OrderedAt).ToListAsync(ct);
        var labs = await db.PartnerLabs.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        orders.ForEach(o => access.Read(LabOrder.AuditType, o.Id));
        return TypedResults.Ok<IReadOnlyList<LabOrderView>>([.. orders.Select(o =>
            LabViewMapper.Order(o, o.PartnerLabId is { } l ? labs.GetValueOrDefault(l) : null, lang, patients.NameIfDependant(o.PatientId)))]);
    }

    /// <summary>GET /me/lab-orders/{id}/partner-labs: enabled labs serving the order's clinic, by name. 404 <c>labs.not_found</c>.</summary>
    public static async Task<Results<Ok<IReadOnlyList<PartnerLabChoice>>, ProblemHttpResult>> LabsAsync(Guid id, LabsDbContext db, LabAccess access,
        CancellationToken ct)
    {
        if (await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct) is not { } order || !await access.PatientReadsOrderAsync(order, ct))
        {
            return Problems.From(LabOrder.NotFound);
        }

        var labs = (await db.PartnerLabs.AsNoTracking().Where(l => l.Enabled).ToListAsync(ct)).Where(l => l.ServesClinic(order.ClinicId)).OrderBy(l => l.Name);
        return TypedResults.Ok<IReadOnlyList<PartnerLabChoice>>([.. labs.Select(l => new PartnerLabChoice(l.Id, l.Name, l.Address))]);
    }

    /// <summary>
    /// POST /me/lab-orders/{id}/partner-lab: 200 with the order (<c>sent</c> when the lab accepted it); 404 <c>labs.not_found</c>;
    /// 422 <c>labs.lab_not_available</c>; 409 <c>labs.lab_already_chosen</c>, <c>labs.order_not_open</c>.
    /// </summary>
    public static async Task<Results<Ok<LabOrderView>, ProblemHttpResult>> ChooseAsync(Guid id, ChooseLabRequest request, string? lang, LabsDbContext db,
        LabAccess access, LabOrderDispatch dispatch, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Orders.SingleOrDefaultAsync(o => o.Id == id, ct) is not { } order || !await access.PatientReadsOrderAsync(order, ct))
        {
            return Problems.From(LabOrder.NotFound);
        }

        var lab = await db.PartnerLabs.AsNoTracking().SingleOrDefaultAsync(l => l.Id == request.PartnerLabId, ct);
        if (lab is null || !lab.ServesClinic(order.ClinicId))
        {
            return Problems.From(LabNotAvailable);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var chosen = order.ChooseLab(lab.Id, now);
        if (!chosen.IsSuccess)
        {
            return Problems.From(chosen.Error!);
        }

        // Claimed in the same save as the choice: this request sends it, the polling worker only retries a failed send.
        order.ClaimSending(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.From(LabOrder.LabAlreadyChosen);
        }

        await dispatch.SendAsync(order, ct, claimed: true);
        return TypedResults.Ok(LabViewMapper.Order(order, lab.Name, lang));
    }
}
