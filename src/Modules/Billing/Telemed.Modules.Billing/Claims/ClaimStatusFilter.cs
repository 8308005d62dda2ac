using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;

namespace Telemed.Modules.Billing.Claims;

/// <summary>
/// The <c>status</c> query parameter of the claims list and the claims export: one of <c>draft</c>, <c>submitted</c>, <c>accepted</c>,
/// <c>rejected</c>, <c>paid</c> (case-insensitive), or absent/empty for every status. Anything else is 400 <c>billing.invalid_claim_status</c>
/// rather than silently ignored: a clerk who mistypes a status must not receive every claim believing they are filtered.
/// </summary>
internal static class ClaimStatusFilter
{
    public static readonly Error Invalid = Error.Validation("billing.invalid_claim_status", "Filter by draft, submitted, accepted, rejected or paid.");

    /// <summary>The status asked for, <c>null</c> for "every status", or <see cref="Invalid"/>.</summary>
    public static Result<ClaimStatus?> Parse(string? status)
    {
        // Matched by name (FilterValues), not Enum.TryParse: that also accepts numbers and comma lists.
        return FilterValues.TryParse<ClaimStatus>(status, out var parsed, InsuranceClaim.Name) ? parsed : Invalid;
    }
}
