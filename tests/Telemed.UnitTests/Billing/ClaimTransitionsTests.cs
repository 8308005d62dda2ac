using Telemed.Modules.Billing.Claims;

namespace Telemed.UnitTests.Billing;

/// <summary>An insurance claim's lifecycle (issue 14, item 3): draft → submitted → accepted | rejected; accepted → paid; rejected → submitted.</summary>
public sealed class ClaimTransitionsTests
{
    [Theory]
    [InlineData(ClaimStatus.Draft, ClaimStatus.Submitted, true)]
    [InlineData(ClaimStatus.Submitted, ClaimStatus.Accepted, true)]
    [InlineData(ClaimStatus.Submitted, ClaimStatus.Rejected, true)]
    [InlineData(ClaimStatus.Accepted, ClaimStatus.Paid, true)]
    [InlineData(ClaimStatus.Rejected, ClaimStatus.Submitted, true)]
    [InlineData(ClaimStatus.Draft, ClaimStatus.Paid, false)]
    [InlineData(ClaimStatus.Draft, ClaimStatus.Accepted, false)]
    [InlineData(ClaimStatus.Submitted, ClaimStatus.Paid, false)]
    [InlineData(ClaimStatus.Rejected, ClaimStatus.Paid, false)]
    [InlineData(ClaimStatus.Paid, ClaimStatus.Submitted, false)]
    [InlineData(ClaimStatus.Paid, ClaimStatus.Draft, false)]
    [InlineData(ClaimStatus.Accepted, ClaimStatus.Rejected, false)]
    public void A_claim_moves_only_along_its_lifecycle(ClaimStatus from, ClaimStatus to, bool allowed) =>
        ClaimTransitions.Allowed(from, to).ShouldBe(allowed);

    [Theory]
    [InlineData(123_456, "RUB", "1234.56")]
    [InlineData(1_500, "JPY", "1500")]
    [InlineData(1_500, "KWD", "1.5")]
    public void Minor_units_become_the_currencys_major_unit_by_its_exponent(long minor, string currency, string major) =>
        ClaimFhir.Major(minor, currency).ShouldBe(decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture));
}
