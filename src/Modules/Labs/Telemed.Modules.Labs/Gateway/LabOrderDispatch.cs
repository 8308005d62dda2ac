using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Data;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Labs.Catalogue;
using Telemed.Modules.Labs.Contracts;
using Telemed.Modules.Labs.Infrastructure;
using Telemed.Modules.Labs.Orders;
using Telemed.Modules.Labs.Results;
using Telemed.Modules.Labs.Results.AutoRelease;

namespace Telemed.Modules.Labs.Gateway;

/// <summary>
/// Moves orders through the gateway: sends orders whose lab was chosen, fetches reports of sent orders and stores each
/// lab report once (the (order, lab report id) pair is unique, so a report fetched twice — or by two hosts at once — is
/// stored once), and releases what the auto-release rule allows. Failures of one lab are logged by type and order id
/// only and retried on the next pass; a report the gateway refuses (<see cref="ResultBounds"/>, <see cref="ResultReadability"/>, a
/// withdrawn one: <see cref="ResultStatus"/>) is logged as a warning with its reason and not stored, one not final yet is logged as
/// information and not stored, and the lab's other reports are. An order whose report was stored is still polled, more slowly, for a while
/// (<see cref="StoredReportRecheck"/>): a stored report the lab withdraws is marked withdrawn (<see cref="LabReport.Withdraw"/>), which
/// tells the ordering doctor and hides it from the patient.
/// </summary>
internal sealed class LabOrderDispatch(LabsDbContext db, ILabGateway gateway, IDirectoryModule directory, IOptions<AutoReleaseOptions> autoRelease,
    TimeProvider clock, IConfiguration configuration, ILogger<LabOrderDispatch> logger)
{
    private readonly StoredReportRecheck _recheck = StoredReportRecheck.From(configuration);

    /// <summary>
    /// Sends one order to its chosen lab; true when the lab accepted it (the order is then <c>sent</c>).
    /// <paramref name="claimed"/>: the caller already saved the order's send claim (<see cref="LabOrder.ClaimSending"/>).
    /// </summary>
    public async Task<bool> SendAsync(LabOrder order, CancellationToken ct, bool claimed = false)
    {
        if (!order.AwaitsSending || await db.PartnerLabs.AsNoTracking().SingleOrDefaultAsync(l => l.Id == order.PartnerLabId, ct) is not { } lab)
        {
            return false;
        }

        if (!claimed)
        {
            if (!order.ClaimSending(clock.GetUtcNow().UtcDateTime))
            {
                return false;
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another pass or host claimed it first and is sending it.
                db.Entry(order).State = EntityState.Detached;
                return false;
            }
        }

        try
        {
            var ids = await gateway.SendAsync(lab.FhirBaseUrl, await ToSendAsync(order, ct), ct);
            order.MarkSent(ids, clock.GetUtcNow().UtcDateTime);
            // The lab holds the requests now: their ids are stored whatever becomes of the caller (a patient's request that
            // chose the lab, a worker stopping), or the reports, found by these ids, would never be fetched.
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (LabGatewayException e)
        {
            logger.LogWarning("Lab order {OrderId} could not be sent: {Error}", order.Id, e.Message);
            return false;
        }
    }

    /// <summary>One pass: send waiting orders, fetch reports of sent ones, auto-release. Returns how many reports were stored.</summary>
    public async Task<int> RunPassAsync(CancellationToken ct)
    {
        var unclaimedSince = clock.GetUtcNow().UtcDateTime - LabOrder.SendClaim;
        // Oldest first: with more than one pass's worth waiting, no order is left behind by the database's row order.
        var waiting = await db.Orders.Where(o => o.Status == LabOrderStatuses.AwaitingLab && o.PartnerLabId != null
            && (o.SendAttemptAt == null || o.SendAttemptAt < unclaimedSince)).OrderBy(o => o.OrderedAt).ThenBy(o => o.Id).Take(50).ToListAsync(ct);
        foreach (var order in waiting)
        {
            await SendAsync(order, ct);
        }

        var stored = 0;
        var sent = await db.Orders.Where(o => o.Status == LabOrderStatuses.Sent).OrderBy(o => o.LastPolledAt).Take(50).ToListAsync(ct);
        foreach (var order in sent)
        {
            stored += await FetchAsync(order, ct);
        }

        // Orders with a stored report, within the recheck window and not polled lately: the lab may withdraw a report it sent.
        var now = clock.GetUtcNow().UtcDateTime;
        var (since, polledBy) = (_recheck.LastReportSince(now), _recheck.PolledBy(now));
        var completed = _recheck.Window <= TimeSpan.Zero ? []
            : await db.Orders.Where(o => o.Status == LabOrderStatuses.ResultReceived && o.UpdatedAt >= since && (o.LastPolledAt == null || o.LastPolledAt <= polledBy))
                .OrderBy(o => o.LastPolledAt).Take(50).ToListAsync(ct);
        foreach (var order in completed)
        {
            stored += await FetchAsync(order, ct);
        }

        await AutoReleaseAsync(ct);
        return stored;
    }

    private async Task<int> FetchAsync(LabOrder order, CancellationToken ct)
    {
        var lab = await db.PartnerLabs.AsNoTracking().SingleOrDefaultAsync(l => l.Id == order.PartnerLabId, ct);
        if (lab is null)
        {
            return 0;
        }

        IReadOnlyList<ReportFromLab> reports;
        try
        {
            reports = await gateway.FetchReportsAsync(lab.FhirBaseUrl, await ToSendAsync(order, ct), order.ExternalIdList, ct);
        }
        catch (LabGatewayException e)
        {
            logger.LogWarning("Reports of lab order {OrderId} could not be fetched: {Error}", order.Id, e.Message);
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        order.MarkPolled(now);
        var stored = 0;
        var pending = false;
        var storedBefore = false;
        foreach (var report in reports)
        {
            if (report is { Held: true, Refusal: { } notFinal })
            {
                // Not a result yet (preliminary, partial, registered…): nothing stored, the order stays sent and is polled again.
                logger.LogInformation("A report of lab order {OrderId} is not stored yet: {Reason}", order.Id, notFinal);
                pending = true;
                continue;
            }

            if (report.Withdrawn && await db.Reports.SingleOrDefaultAsync(r => r.OrderId == order.Id && r.ExternalId == report.ExternalId, ct) is { } storedReport)
            {
                // The lab withdrew a report we stored: it is no longer a result (hidden from the patient, not releasable, the doctor told).
                if (storedReport.Withdraw(now))
                {
                    logger.LogWarning("A stored report of lab order {OrderId} was withdrawn by the lab: {Refusal}", order.Id, report.Refusal);
                    order.ReportChanged(now);
                }

                storedBefore = true;
                continue;
            }

            if (report.Refusal is { } refusal)
            {
                // Where the lab's failures are said: by order id, the lab's report id and why (a stable code, the field, its bound).
                logger.LogWarning("A report of lab order {OrderId} was refused: {Refusal}", order.Id, refusal);
                continue;
            }

            if (await db.Reports.AnyAsync(r => r.OrderId == order.Id && r.ExternalId == report.ExternalId, ct))
            {
                storedBefore = true;
                continue;
            }

            db.Reports.Add(LabReport.Receive(order.Id, order.PatientId, order.DoctorUserId, report.ExternalId, report.PanelCode,
                [.. report.Values.Select(FlaggedValue)], report.IssuedAt, now));
            stored++;
        }

        // The order is complete once a report arrived and none of the lab's is still unfinished: a preliminary report beside a final
        // one is polled for until the lab finishes it, or it would never be fetched again.
        if ((stored > 0 || storedBefore) && !pending && order.Status == LabOrderStatuses.Sent)
        {
            order.ResultArrived(now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e.IsUniqueViolation() || e is DbUpdateConcurrencyException)
        {
            // Another pass stored the same report first: it is there once, which is the point.
            db.ChangeTracker.Clear();
            return 0;
        }

        return stored;
    }

    /// <summary>
    /// A reported value with its flag: the lab's range when it gave one, else the catalogue's; critical limits from the catalogue.
    /// The catalogue's range and limits apply only to a value in the catalogue's unit (or one without a unit): a glucose of 7.8
    /// mmol/L held against limits in mg/dL read as critically low. A value with no result (<see cref="ValueFlags.HasResult"/>: the lab's
    /// dataAbsentReason, a cancelled or entered-in-error Observation) gets no flag, so a lab's "N" on it never makes it normal.
    /// </summary>
    internal static LabValue FlaggedValue(ReportedValue v)
    {
        var catalogued = BundledLabCatalogue.Find(v.LoincCode);
        var known = catalogued is not null && (string.IsNullOrWhiteSpace(v.Unit) || string.Equals(v.Unit.Trim(), catalogued.Unit, StringComparison.OrdinalIgnoreCase))
            ? catalogued : null;
        var low = v.RangeLow ?? known?.RangeLow;
        var high = v.RangeHigh ?? known?.RangeHigh;
        var flag = ValueFlags.HasResult(v.Value, v.ValueText)
            ? ValueFlags.FlagOf(v.Value, ValueFlags.IsKnown(v.Interpretation) ? v.Interpretation : null, low, high, known?.CriticalLow, known?.CriticalHigh)
            : null;
        return new LabValue(Guid.CreateVersion7(), v.LoincCode, v.Display, v.Value, v.ValueText, v.Unit ?? catalogued?.Unit, low, high, flag, v.ExternalId, v.EffectiveAt,
            v.AbsentReason, v.AbsentReasonText);
    }

    private async Task AutoReleaseAsync(CancellationToken ct)
    {
        var options = autoRelease.Value;
        if (!options.Enabled)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var due = now.AddHours(-options.AfterHours);
        // Oldest first, so a backlog longer than one pass drains in the order the patients have been waiting.
        var candidates = await db.Reports.Where(r => r.Status == LabResultStatuses.Received && r.AllNormal && r.CriticalCount == 0 && r.ReceivedAt <= due)
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id).Take(100).ToListAsync(ct);
        foreach (var report in candidates.Where(r => AutoReleaseRule.ReleasesItself(r, options, now)))
        {
            report.Release(automatically: true, now);
        }

        if (candidates.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<LabOrderToSend> ToSendAsync(LabOrder order, CancellationToken ct)
    {
        var patient = (await directory.GetPatientNamesAsync([order.PatientId], ct)).GetValueOrDefault(order.PatientId) ?? "";
        var doctor = (await directory.GetDoctorNamesByUserAsync([order.DoctorUserId], ct)).GetValueOrDefault(order.DoctorUserId) ?? "";
        return new LabOrderToSend(order.Id, order.PatientId, patient, order.DoctorUserId, doctor, [.. order.Tests.Select(t => (t.LoincCode, t.Display))],
            order.SentAt ?? order.OrderedAt);
    }
}
