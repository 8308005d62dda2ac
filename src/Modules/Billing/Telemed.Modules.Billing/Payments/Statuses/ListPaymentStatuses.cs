using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Infrastructure;

namespace Telemed.Modules.Billing.Payments.Statuses;

/// <summary>One appointment's payment status (<see cref="PaymentStatus"/>, camelCase), nothing else of the payment.</summary>
public sealed record PaymentStatusView(Guid AppointmentId, string Status);

/// <summary>
/// <c>GET /api/v1/payments/statuses?appointmentId=…&amp;appointmentId=…</c>: the payment statuses of a page of appointments in one
/// call (the front desk's day), instead of one <c>GET /appointments/{id}/payment</c> per row that answers 404 for every visit without
/// a payment. Front desk and administrators only: the callers <see cref="PaymentAccess"/> lets see any payment's status.
/// </summary>
internal static class ListPaymentStatuses
{
    /// <summary>
    /// The most appointments one call may ask about. A long clinic day is a few dozen; 100 ids (about 5,100 characters of query) keep the
    /// request line well under Kestrel's 8 KB limit, where 200 would be refused 414 before reaching here. The web app asks in chunks of it.
    /// </summary>
    public const int MaxAppointments = 100;

    /// <summary>
    /// <c>[{ appointmentId, status }]</c> for the asked appointments that have a payment, in no particular order; an appointment without
    /// one (or unknown) is simply absent, an empty ask answers <c>[]</c>, duplicates count once. Each payment read is audited as a PHI
    /// read, as the single payment's read is. Errors: 400 <c>validation.failed</c> (more than <see cref="MaxAppointments"/> ids, field
    /// <c>appointmentId</c>), 400 <c>request.invalid</c> (an id that is not a GUID; the host's binding rule).
    /// </summary>
    public static async Task<Results<Ok<PaymentStatusView[]>, ProblemHttpResult>> HandleAsync(Guid[]? appointmentId, BillingDbContext db, PaymentAccess access,
        CancellationToken ct)
    {
        var ids = (appointmentId ?? []).Distinct().ToArray();
        if (ids.Length > MaxAppointments)
        {
            return Problems.From(Error.ValidationFailed(new Dictionary<string, string[]>
            {
                ["appointmentId"] = [$"Ask about at most {MaxAppointments} appointments at a time."],
            }));
        }

        // The route's policy already admits only front desk and admins; asking the same rule here keeps the two from drifting apart.
        if (ids.Length == 0 || !access.SeesEveryStatus)
        {
            return TypedResults.Ok(Array.Empty<PaymentStatusView>());
        }

        // Whole payments are loaded (not a projection) so each one is recorded as a phi.read, like GET /appointments/{id}/payment.
        var payments = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.AppointmentId)).ToListAsync(ct);
        return TypedResults.Ok(payments.Select(p => new PaymentStatusView(p.AppointmentId, PaymentErrors.Name(p.Status))).ToArray());
    }
}
