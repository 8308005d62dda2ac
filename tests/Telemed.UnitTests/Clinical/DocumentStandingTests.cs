using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.PrescriptionDocuments;

namespace Telemed.UnitTests.Clinical;

/// <summary>
/// Which prescription documents may be presented to a pharmacy: only an active one whose signature verifies. A cancellation
/// wins over expiry and the signature, and carries its date and reason; a draft is never valid.
/// </summary>
public sealed class DocumentStandingTests
{
    private static readonly DateTime Until = new(2027, 1, 29, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime CancelledAt = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Only_an_active_prescription_with_a_verifying_signature_is_valid()
    {
        DocumentStanding.Of(PrescriptionStatuses.Active, true, Until, null, null).ShouldBe(DocumentStanding.Valid);
        DocumentStanding.Of(PrescriptionStatuses.Active, false, Until, null, null).Standing.ShouldBe(Standing.Invalid);
        DocumentStanding.Of(PrescriptionStatuses.Draft, true, Until, null, null).Standing.ShouldBe(Standing.Invalid);
        DocumentStanding.Of("superseded", true, Until, null, null).Standing.ShouldBe(Standing.Invalid);
    }

    [Fact]
    public void A_cancelled_prescription_is_stamped_with_its_date_and_reason_whatever_else_holds()
    {
        var cancelled = DocumentStanding.Of(PrescriptionStatuses.Cancelled, false, Until, CancelledAt, "  Wrong strength chosen ");
        cancelled.ShouldBe(new DocumentStanding(Standing.Cancelled, CancelledAt, "Wrong strength chosen"));
        DocumentStanding.Of(PrescriptionStatuses.Cancelled, true, Until, CancelledAt, " ").Reason.ShouldBeNull();
    }

    [Fact]
    public void An_expired_prescription_is_stamped_with_the_end_of_its_validity()
    {
        DocumentStanding.Of(PrescriptionStatuses.Expired, true, Until, null, null).ShouldBe(new DocumentStanding(Standing.Expired, Until));
    }
}
