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
        if (string.IsNullOrWhiteSpace(status))
        {
            return (ClaimStatus?)null;
        }

        // Matched by name, not Enum.TryParse: that also accepts numbers ("7") and comma lists ("draft,paid").
        foreach (var candidate in Enum.GetValues<ClaimStatus>())
        {
            if (string.Equals(InsuranceClaim.Name(candidate), status.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return Invalid;
    }
}
