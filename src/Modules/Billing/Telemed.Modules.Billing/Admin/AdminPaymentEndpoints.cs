using Microsoft.AspNetCore.Http;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments;
using Telemed.Modules.Billing.Payments.Settlement;

namespace Telemed.Modules.Billing.Admin;

/// <summary>An administrator's refund: <c>AmountMinor</c> (minor units, ≤ what is left to refund) and why (1–500 characters, audited).</summary>
public sealed record RefundRequest(long AmountMinor, string Reason);

internal sealed class RefundRequestValidator : AbstractValidator<RefundRequest>
{
    public RefundRequestValidator()
    {
        RuleFor(r => r.AmountMinor).GreaterThan(0);
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(500);
    }
}

/// <summary>
/// Totals of one clinic's (or every clinic's) money over a UTC period, per currency, from the payment ledger: captured, refunded,
/// released (holds given back) and, as of now, outstanding (held on cards, not yet captured) and due (owed with no card held).
/// </summary>
public sealed record ReconciliationLine(string Currency, long CapturedMinor, long RefundedMinor, long ReleasedMinor, long HeldMinor, long DueMinor, int Payments);

/// <summary>The administrator's payments (<c>/api/v1/admin/payments</c>): list, refund, daily reconciliation.</summary>
internal static class AdminPaymentEndpoints
{
    /// <summary>
    /// Payments newest first by when they were made (<c>CreatedAt</c>, which each item shows; the id breaks ties, so a page boundary
    /// never splits or repeats payments made in the same instant), optionally of one clinic and status (camelCase); status and
    /// amounts only, never the card. Pages of 50. The indexes on (<c>CreatedAt</c>, <c>Id</c>) and (<c>ClinicId</c>, <c>CreatedAt</c>,
    /// <c>Id</c>) (migration 0010) serve the order, unfiltered and per clinic, without sorting every payment.
    /// 400 <c>billing.invalid_payment_status</c> for a status that is none (<see cref="PaymentStatusFilter"/>).
    /// </summary>
    public static async Task<Results<Ok<PagedResult<PaymentView>>, ProblemHttpResult>> ListAsync(Guid? clinicId, string? status, int? page, BillingDbContext db,
        CancellationToken ct)
    {
        var filter = PaymentStatusFilter.Parse(status);
        if (!filter.IsSuccess)
        {
            return Problems.From(filter.Error!);
        }

        var query = db.Payments.AsNoTracking();
        if (clinicId is { } clinic)
        {
            query = query.Where(p => p.ClinicId == clinic);
        }

        if (filter.Value is { } parsed)
        {
            query = query.Where(p => p.Status == parsed);
        }

        var number = Math.Max(1, page ?? 1);
        var total = await query.CountAsync(ct);
        // With their movements (one more query for the page's 50): each payment's view lists its refunds.
        var items = await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Skip(PageRequest.SkipOf(number, 50)).Take(50).Include(p => p.Movements)
            .AsSplitQuery().ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<PaymentView>(items.Select(p => PaymentView.Of(p, PaymentVisibility.StatusOnly, null)).ToList(), total, number, 50));
    }

    /// <summary>
    /// Refunds part or all of a captured payment and answers the payment as recorded, the refund in it once, even when the payment
    /// changed between the gateway's refund and the save (<see cref="PaymentSettlement.RefundAsync"/>). Errors: 404
    /// <c>billing.payment_not_found</c>, 409 <c>billing.payment_invalid_state</c>, 422 <c>billing.refund_too_large</c>, 409
    /// <c>billing.gateway_refused</c>, 503 <c>billing.gateway_unavailable</c> (no money moved); 409 <c>billing.payment_changed</c> (the
    /// gateway answered with another refund made meanwhile, now recorded) and 409 <c>billing.refund_not_recorded</c> (money went back
    /// that the payment as it is now cannot record; logged for an operator). With an <c>Idempotency-Key</c> header (one key of at most 100
    /// characters, else 400 <c>idempotency.key_invalid</c>) a retry answers the refund already made (200) and moves no money again; the
    /// same key for another amount is 422 <c>idempotency.key_reused</c>.
    /// </summary>
    public static async Task<Results<Ok<PaymentView>, ProblemHttpResult>> RefundAsync(Guid id, RefundRequest request, HttpRequest http, BillingDbContext db,
        PaymentSettlement settlement, CancellationToken ct)
    {
        // Optional: a retry with the same key answers the refund already made instead of making another (docs/billing.md, "Refunds").
        var requestKey = IdempotencyKeyHeader.Read(http);
        if (!requestKey.IsSuccess)
        {
            return Problems.From(requestKey.Error!);
        }

        var payment = await db.Payments.Include(p => p.Movements).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (payment is null)
        {
            return Problems.From(PaymentErrors.NotFound);
        }

        // The gateway's refund is recorded on CancellationToken.None inside: once the money went back, the caller leaving changes nothing.
        var refunded = await settlement.RefundAsync(payment, request.AmountMinor, request.Reason.Trim(),
            requestKey.Value, ct);
        return refunded.IsSuccess
            ? TypedResults.Ok(PaymentView.Of(refunded.Value, PaymentVisibility.StatusOnly, null))
            : Problems.From(refunded.Error!);
    }

    /// <summary>
    /// The reconciliation of [<paramref name="from"/>, <paramref name="to"/>) (UTC; default: the last 24 hours), per currency; 400 when
    /// <paramref name="from"/> is not before <paramref name="to"/> or the period exceeds 366 days.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<ReconciliationLine>>, ProblemHttpResult>> ReconciliationAsync(Guid? clinicId, DateTime? from, DateTime? to,
        BillingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var period = BillingPeriod.Of(from, to, clock.GetUtcNow().UtcDateTime);
        if (!period.IsSuccess)
        {
            return Problems.From(period.Error!);
        }

        var (since, until) = (period.Value.From, period.Value.To);
        var movements = db.PaymentMovements.AsNoTracking().Where(m => m.At >= since && m.At < until);
        var payments = db.Payments.AsNoTracking().Where(p => p.Status == PaymentStatus.Authorised || p.Status == PaymentStatus.Unpaid);
        if (clinicId is { } clinic)
        {
            movements = movements.Where(m => m.ClinicId == clinic);
            payments = payments.Where(p => p.ClinicId == clinic);
        }

        var moved = await movements.GroupBy(m => new { m.Currency, m.Type })
            .Select(g => new { g.Key.Currency, g.Key.Type, Sum = g.Sum(m => m.AmountMinor), Count = g.Select(m => m.PaymentId).Distinct().Count() }).ToListAsync(ct);
        var open = await payments.GroupBy(p => new { p.Currency, p.Status })
            .Select(g => new { g.Key.Currency, g.Key.Status, Held = g.Sum(p => p.AuthorisedMinor), Due = g.Sum(p => p.AmountDueMinor) }).ToListAsync(ct);
        var lines = moved.Select(m => m.Currency).Concat(open.Select(o => o.Currency)).Distinct().Order(StringComparer.Ordinal).Select(currency =>
            new ReconciliationLine(currency,
                moved.Where(m => m.Currency == currency && m.Type == "captured").Sum(m => m.Sum),
                moved.Where(m => m.Currency == currency && m.Type == "refunded").Sum(m => m.Sum),
                moved.Where(m => m.Currency == currency && m.Type == "released").Sum(m => m.Sum),
                open.Where(o => o.Currency == currency && o.Status == PaymentStatus.Authorised).Sum(o => o.Held),
                open.Where(o => o.Currency == currency && o.Status == PaymentStatus.Unpaid).Sum(o => o.Due),
                moved.Where(m => m.Currency == currency && m.Type == "captured").Sum(m => m.Count))).ToList();
        return TypedResults.Ok<IReadOnlyList<ReconciliationLine>>(lines);
    }
}
