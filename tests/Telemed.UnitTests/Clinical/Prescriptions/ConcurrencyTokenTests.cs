using Telemed.Modules.Clinical.Formulary;
using Telemed.Modules.Clinical.Prescriptions;
using Telemed.Modules.Clinical.Prescriptions.Refills;
using Telemed.Modules.Clinical.Signing;

namespace Telemed.UnitTests.Clinical.Prescriptions;

/// <summary>
/// Every transition of a prescription and of a refill request moves its concurrency token (<c>Version</c>): the save writes
/// <c>WHERE Version = the version read</c>, so a transition that leaves it unchanged lets a second writer that read the same
/// state save over the first (a signature over an edit, a cancel lost under a signature, two drafts for one refill).
/// </summary>
public sealed class ConcurrencyTokenTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static Prescription Draft()
    {
        var m = BundledFormulary.Read().Single(x => x.Code == "paracetamol-500-tab");
        var content = new PrescriptionContent(
            new PrescribedMedicine(m.Code, m.Name, m.ActiveIngredient, m.ActiveIngredientRu, m.AtcCode, m.Form, m.Strength, m.DoseUnit, m.DispenseUnit, m.AllergyClass),
            new DosageInstruction(500, m.Route, 3, 7, ""), new DispenseRequest(21, 0));
        return Prescription.Draft(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, content, Now.AddDays(-1));
    }

    private static DocumentSignature Signature() => new([1, 2, 3], Guid.NewGuid(), Now);

    [Fact]
    public void Signing_a_prescription_moves_its_version_so_an_edit_read_before_is_refused()
    {
        var p = Draft();
        var read = p.Version;
        p.PrepareForSigning("ABCDEFGHIJKLMNOPQRST", Now.AddDays(60));
        p.Sign(read, "Dr Test", Signature()).IsSuccess.ShouldBeTrue();
        p.Version.ShouldBe(read + 1);
        p.Write(p.Content, read, Now).Error!.Code.ShouldBe("clinical.prescription_not_draft");
        p.Sign(read, "Dr Test", Signature()).Error!.Code.ShouldBe("clinical.prescription_not_draft");
    }

    [Fact]
    public void Cancelling_a_draft_or_an_active_prescription_moves_its_version()
    {
        var draft = Draft();
        var read = draft.Version;
        draft.Cancel("Wrong medicine", Now).IsSuccess.ShouldBeTrue();
        draft.Version.ShouldBe(read + 1);
        draft.Sign(read, "Dr Test", Signature()).Error!.Code.ShouldBe("clinical.prescription_not_draft");

        var active = Draft();
        active.PrepareForSigning("ABCDEFGHIJKLMNOPQRST", Now.AddDays(60));
        active.Sign(active.Version, "Dr Test", Signature()).IsSuccess.ShouldBeTrue();
        var signedVersion = active.Version;
        active.Cancel("Wrong patient", Now).IsSuccess.ShouldBeTrue();
        active.Version.ShouldBe(signedVersion + 1);
        active.Cancel("Again", Now).Error!.Code.ShouldBe("clinical.prescription_not_cancellable");
        active.Version.ShouldBe(signedVersion + 1);
    }

    [Fact]
    public void Every_refill_decision_moves_the_requests_version_and_a_refused_one_does_not()
    {
        var original = Draft();
        original.PrepareForSigning("ABCDEFGHIJKLMNOPQRST", Now.AddDays(60));
        original.Sign(original.Version, "Dr Test", Signature()).IsSuccess.ShouldBeTrue();

        var approved = RefillRequest.For(original, original.PatientUserId, null, Now);
        approved.Version.ShouldBe(0);
        approved.StartApproval(Guid.NewGuid()).IsSuccess.ShouldBeTrue();
        approved.Version.ShouldBe(1);
        approved.CompleteApproval(Now).ShouldBeTrue();
        approved.Version.ShouldBe(2);
        approved.Decline("Too late", Now).IsSuccess.ShouldBeFalse();
        approved.Version.ShouldBe(2);

        var declined = RefillRequest.For(original, original.PatientUserId, null, Now);
        declined.Decline("See me first", Now).IsSuccess.ShouldBeTrue();
        declined.Version.ShouldBe(1);
        declined.StartApproval(Guid.NewGuid()).IsSuccess.ShouldBeFalse();
        declined.Version.ShouldBe(1);
    }
}
