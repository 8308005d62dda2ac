using Telemed.BuildingBlocks.Time;

namespace Telemed.Modules.Billing.Contracts;

/// <summary>Net revenue (captured − refunded, minor units of the figures' currency) of one clinic.</summary>
public sealed record ClinicRevenue(Guid ClinicId, long NetMinor);

/// <summary>Net revenue (captured − refunded, minor units) of one doctor (directory doctor id).</summary>
public sealed record DoctorRevenue(Guid DoctorId, long NetMinor);

/// <summary>Net revenue (captured − refunded, minor units) of one local day of the period's zone.</summary>
public sealed record DailyRevenue(DateOnly Day, long NetMinor);

/// <summary>
/// One currency's money in the period, from the payment ledger by when the money moved: <c>CapturedMinor</c> every capture
/// (visits and late-cancellation or no-show fees), <c>RefundedMinor</c> every refund, net = captured − refunded. Holds authorised
/// or released move no revenue. Currencies are never added together. Days and breakdowns without movement are left out.
/// </summary>
public sealed record RevenueFigures(string Currency, long CapturedMinor, long RefundedMinor,
    IReadOnlyList<ClinicRevenue> ByClinic, IReadOnlyList<DoctorRevenue> ByDoctor, IReadOnlyList<DailyRevenue> ByDay)
{
    /// <summary>Captured − refunded, minor units.</summary>
    public long NetMinor => CapturedMinor - RefundedMinor;
}

/// <summary>Revenue for the clinic analytics: sums only, never a payer or a card.</summary>
public interface IRevenueAnalytics
{
    /// <summary>Revenue per currency (ordered by currency code) at the clinic, or at all clinics when null.</summary>
    Task<IReadOnlyList<RevenueFigures>> RevenueAsync(Guid? clinicId, AnalyticsPeriod period, CancellationToken cancellationToken = default);
}
