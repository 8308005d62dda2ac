using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Pharmacy.Contracts;
using Telemed.Modules.Pharmacy.Dispensing;
using Telemed.Modules.Pharmacy.Dispensing.PharmacistPortal;

namespace Telemed.UnitTests.Pharmacy;

/// <summary>The dispensing rules and the prescription's life at the pharmacy.</summary>
public sealed class DispensingRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Guid PharmacyA = Guid.NewGuid();
    private static readonly Guid PharmacyB = Guid.NewGuid();
    private static readonly Guid Pharmacist = Guid.NewGuid();

    internal static PrescriptionForDispensing Prescription(int quantity = 3, string status = PrescriptionStatuses.Active, bool signatureValid = true) =>
        new(Guid.NewGuid(), "RX-ABC123", Guid.NewGuid(), "Telemed Clinic Moscow", Guid.NewGuid(), "I. K.", 1968, Guid.NewGuid(), "Dr Natalia Lebedeva",
            "Amoxicillin", "amoxicillin", "capsule", "500 mg", "oral", "1 capsule 3 times a day for 7 days", quantity, "packs", 0, Now.AddDays(-1),
            Now.AddDays(30), status, signatureValid, "01AB");

    [Fact]
    public void Only_an_active_prescription_is_dispensed()
    {
        DispensingRules.OnlyAnActivePrescriptionIsDispensed(PrescriptionStatuses.Active).ShouldBeNull();
        DispensingRules.OnlyAnActivePrescriptionIsDispensed(PrescriptionStatuses.Cancelled)!.Code.ShouldBe("pharmacy.prescription_not_active");
        DispensingRules.OnlyAnActivePrescriptionIsDispensed(PrescriptionStatuses.Expired)!.Code.ShouldBe("pharmacy.prescription_not_active");
        DispensingRules.OnlyAnActivePrescriptionIsDispensed(PrescriptionStatuses.Draft).ShouldNotBeNull();
    }

    [Fact]
    public void Only_a_validly_signed_prescription_is_dispensed()
    {
        DispensingRules.OnlyAValidlySignedPrescriptionIsDispensed(true).ShouldBeNull();
        DispensingRules.OnlyAValidlySignedPrescriptionIsDispensed(false)!.Code.ShouldBe("pharmacy.signature_invalid");
    }

    [Theory]
    [InlineData(1, 3, 0, null)]
    [InlineData(3, 3, 0, null)]
    [InlineData(2, 3, 1, null)]
    [InlineData(0, 3, 0, "pharmacy.invalid_quantity")]
    [InlineData(-1, 3, 0, "pharmacy.invalid_quantity")]
    [InlineData(4, 3, 0, "pharmacy.quantity_exceeds_remaining")]
    [InlineData(3, 3, 1, "pharmacy.quantity_exceeds_remaining")]
    [InlineData(1, 3, 3, "pharmacy.already_dispensed")]
    public void The_quantity_must_fit_what_remains(int quantity, int prescribed, int dispensed, string? error) =>
        DispensingRules.TheQuantityMustFitWhatRemains(quantity, prescribed, dispensed)?.Code.ShouldBe(error);

    [Fact]
    public void A_patient_changes_pharmacy_only_before_anything_is_dispensed()
    {
        DispensingRules.APatientChangesPharmacyOnlyBeforeAnythingIsDispensed(0, false).ShouldBeNull();
        DispensingRules.APatientChangesPharmacyOnlyBeforeAnythingIsDispensed(1, false)!.Code.ShouldBe("pharmacy.already_dispensing");
        // The pharmacy declined the rest after handing over part: the patient may send the rest elsewhere.
        DispensingRules.APatientChangesPharmacyOnlyBeforeAnythingIsDispensed(14, true).ShouldBeNull();
    }

    [Fact]
    public void A_decline_after_a_partial_dispensing_releases_the_rest()
    {
        DispensingRules.ADeclineAfterAPartialDispensingReleasesTheRest(0).ShouldBeFalse();
        DispensingRules.ADeclineAfterAPartialDispensingReleasesTheRest(14).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Out of stock", 3, 0, null)]
    [InlineData("  ", 3, 0, "pharmacy.reason_required")]
    [InlineData(null, 3, 0, "pharmacy.reason_required")]
    [InlineData("Out of stock", 3, 3, "pharmacy.already_dispensed")]
    public void A_decline_needs_a_reason_and_something_left(string? reason, int prescribed, int dispensed, string? error) =>
        DispensingRules.ADeclineNeedsAReasonAndSomethingLeft(reason, prescribed, dispensed)?.Code.ShouldBe(error);

    [Fact]
    public void A_decline_reason_longer_than_500_characters_is_refused() =>
        DispensingRules.ADeclineNeedsAReasonAndSomethingLeft(new string('x', 501), 3, 0)!.Code.ShouldBe("pharmacy.reason_required");

    [Fact]
    public void A_pharmacist_sees_only_what_was_sent_to_their_pharmacy_or_presented_by_code()
    {
        DispensingRules.APharmacistSeesOnlyWhatWasSentOrPresented(PharmacyA, PharmacyA, false).ShouldBeTrue();
        DispensingRules.APharmacistSeesOnlyWhatWasSentOrPresented(PharmacyA, PharmacyB, false).ShouldBeFalse();
        DispensingRules.APharmacistSeesOnlyWhatWasSentOrPresented(PharmacyA, null, false).ShouldBeFalse();
        DispensingRules.APharmacistSeesOnlyWhatWasSentOrPresented(PharmacyA, PharmacyB, true).ShouldBeTrue();
    }

    [Fact]
    public void Dispensing_in_parts_ends_dispensed_and_raises_partial_then_full()
    {
        var rx = Prescription(quantity: 3);
        var state = PrescriptionDispensing.Track(rx, Now);
        state.SendTo(PharmacyA, rx, Now).IsSuccess.ShouldBeTrue();
        state.Dispense(PharmacyA, Pharmacist, 1, rx, Now).IsSuccess.ShouldBeTrue();
        state.Status.ShouldBe(DispensingStatuses.PartiallyDispensed);
        state.Dispense(PharmacyA, Pharmacist, 2, rx, Now).Value.Quantity.ShouldBe(2);
        state.Status.ShouldBe(DispensingStatuses.Dispensed);
        state.QuantityDispensed.ShouldBe(3);
        state.Version.ShouldBe(3);
        var events = state.DomainEvents.OfType<PrescriptionDispensed>().ToList();
        events.Select(e => e.Completeness).ShouldBe(["partial", "full"]);
        events[1].QuantityDispensedInTotal.ShouldBe(3);
        state.Dispense(PharmacyA, Pharmacist, 1, rx, Now).Error!.Code.ShouldBe("pharmacy.already_dispensed");
        state.SendTo(PharmacyB, rx, Now).Error!.Code.ShouldBe("pharmacy.already_dispensing");
    }

    [Fact]
    public void A_cancelled_or_badly_signed_prescription_is_not_dispensed_and_nothing_changes()
    {
        var cancelled = Prescription(status: PrescriptionStatuses.Cancelled);
        var state = PrescriptionDispensing.Track(cancelled, Now);
        state.Dispense(PharmacyA, Pharmacist, 1, cancelled, Now).Error!.Code.ShouldBe("pharmacy.prescription_not_active");
        state.SendTo(PharmacyA, cancelled, Now).Error!.Code.ShouldBe("pharmacy.prescription_not_active");
        // A decline of a cancelled prescription was accepted and told the patient "the pharmacy refused".
        state.Decline(PharmacyA, "Out of stock", cancelled, Now).Error!.Code.ShouldBe("pharmacy.prescription_not_active");
        var tampered = Prescription(signatureValid: false);
        state.Dispense(PharmacyA, Pharmacist, 1, tampered, Now).Error!.Code.ShouldBe("pharmacy.signature_invalid");
        state.QuantityDispensed.ShouldBe(0);
        state.Version.ShouldBe(0);
        state.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void A_declined_prescription_may_be_sent_to_another_pharmacy_which_clears_the_decline()
    {
        var rx = Prescription();
        var state = PrescriptionDispensing.Track(rx, Now);
        state.SendTo(PharmacyA, rx, Now);
        state.Decline(PharmacyA, " Out of stock ", rx, Now).IsSuccess.ShouldBeTrue();
        state.Status.ShouldBe(DispensingStatuses.Declined);
        state.DeclineReason.ShouldBe("Out of stock");
        state.SendTo(PharmacyB, rx, Now).IsSuccess.ShouldBeTrue();
        state.Status.ShouldBe(DispensingStatuses.Sent);
        state.PharmacyId.ShouldBe(PharmacyB);
        state.DeclineReason.ShouldBe("");
        state.DomainEvents.Select(e => e.GetType().Name).ShouldBe([nameof(PrescriptionSentToPharmacy), nameof(PrescriptionDeclined), nameof(PrescriptionSentToPharmacy)]);
    }

    [Theory]
    [InlineData("rx7Kq2ZP", "rx7Kq2ZP")]
    [InlineData("  rx7Kq2ZP \n", "rx7Kq2ZP")]
    [InlineData("https://telemed.example/verify/rx/rx7Kq2ZP", "rx7Kq2ZP")]
    [InlineData("http://127.0.0.1:5000/verify/rx/rx7Kq2ZP?from=qr#top", "rx7Kq2ZP")]
    [InlineData("/VERIFY/RX/ab-cd_12/", "ab-cd_12")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    [InlineData("https://telemed.example/verify/rx/", null)]
    [InlineData("rx 7K", null)]
    [InlineData("<script>", null)]
    public void A_verification_code_is_read_from_a_typed_code_or_a_pasted_QR_URL(string? presented, string? expected) =>
        VerificationCodes.Normalise(presented).ShouldBe(expected);
}
