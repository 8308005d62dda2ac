using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Formulary;
using Telemed.Modules.Clinical.Prescriptions;
using Telemed.Modules.Clinical.Prescriptions.Refills;
using Telemed.Modules.Clinical.Signing;

namespace Telemed.UnitTests.Clinical.Prescriptions;

/// <summary>When a refill may be asked for, and how a refill request moves from requested to approved or declined.</summary>
public sealed class RefillRuleTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    private static Prescription Draft()
    {
        var m = BundledFormulary.Read().Single(x => x.Code == "paracetamol-500-tab");
        var content = new PrescriptionContent(
            new PrescribedMedicine(m.Code, m.Name, m.ActiveIngredient, m.ActiveIngredientRu, m.AtcCode, m.Form, m.Strength, m.DoseUnit, m.DispenseUnit, m.AllergyClass),
            new DosageInstruction(500, m.Route, 3, 7, ""), new DispenseRequest(21, 0));
        return Prescription.Draft(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, content, Now.AddDays(-1));
    }

    private static Prescription Signed(int validForDays = 60)
    {
        var p = Draft();
        p.PrepareForSigning("ABCDEFGHIJKLMNOPQRST", Now.AddDays(-1).AddDays(validForDays));
        p.Sign(1, "Dr Test", new DocumentSignature([1, 2, 3], Guid.NewGuid(), Now.AddDays(-1))).IsSuccess.ShouldBeTrue();
        return p;
    }

    [Fact]
    public void Only_an_active_prescription_is_refillable_not_a_draft_a_cancelled_or_an_expired_one()
    {
        RefillRules.PrescriptionIsRefillable(Signed(), Now).ShouldBeTrue();
        RefillRules.PrescriptionIsRefillable(Draft(), Now).ShouldBeFalse();
        RefillRules.PrescriptionIsRefillable(Signed(validForDays: 1), Now).ShouldBeFalse();
        var cancelled = Signed();
        cancelled.Cancel("Wrong patient", Now).IsSuccess.ShouldBeTrue();
        RefillRules.PrescriptionIsRefillable(cancelled, Now).ShouldBeFalse();
    }

    [Fact]
    public void A_second_request_is_refused_while_one_is_open_but_allowed_after_a_decision()
    {
        var p = Signed();
        var first = RefillRequest.For(p, p.PatientUserId, "  running out  ", Now);
        first.PatientNote.ShouldBe("running out");
        first.AssignedDoctorUserId.ShouldBe(p.PrescriberUserId);
        RefillRules.AnotherRequestIsOpen([first]).ShouldBeTrue();
        first.Decline("See me in person first", Now).IsSuccess.ShouldBeTrue();
        RefillRules.AnotherRequestIsOpen([first]).ShouldBeFalse();
        RefillRules.AnotherRequestIsOpen([]).ShouldBeFalse();
    }

    [Fact]
    public void A_request_is_approved_only_when_the_started_prescription_is_signed_and_a_decided_one_cannot_change()
    {
        var p = Signed();
        var refill = RefillRequest.For(p, p.PatientUserId, null, Now);
        refill.CompleteApproval(Now).ShouldBeFalse();
        refill.Status.ShouldBe(RefillRequestStatuses.Requested);

        var draftId = Guid.NewGuid();
        refill.StartApproval(draftId).IsSuccess.ShouldBeTrue();
        refill.Status.ShouldBe(RefillRequestStatuses.Requested);
        refill.CompleteApproval(Now).ShouldBeTrue();
        refill.Status.ShouldBe(RefillRequestStatuses.Approved);
        refill.NewPrescriptionId.ShouldBe(draftId);
        var decided = refill.DomainEvents.OfType<RefillRequestDecided>().Single();
        decided.Status.ShouldBe(RefillRequestStatuses.Approved);
        decided.NewPrescriptionId.ShouldBe(draftId);

        refill.CompleteApproval(Now).ShouldBeFalse();
        refill.Decline("Too late", Now).Error!.Code.ShouldBe("clinical.refill_already_decided");
        refill.StartApproval(Guid.NewGuid()).Error!.Code.ShouldBe("clinical.refill_already_decided");
    }

    [Fact]
    public void A_declined_request_keeps_the_reason_and_tells_the_patient_without_it()
    {
        var p = Signed();
        var refill = RefillRequest.For(p, p.PatientUserId, null, Now);
        refill.Decline("  Needs a blood test first  ", Now).IsSuccess.ShouldBeTrue();
        refill.DeclineReason.ShouldBe("Needs a blood test first");
        refill.DecidedAt.ShouldBe(Now);
        var decided = refill.DomainEvents.OfType<RefillRequestDecided>().Single();
        decided.Status.ShouldBe(RefillRequestStatuses.Declined);
        decided.PatientUserId.ShouldBe(p.PatientUserId);
    }
}
