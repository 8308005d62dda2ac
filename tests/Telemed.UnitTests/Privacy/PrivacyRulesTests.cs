using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Privacy.AccessReport;
using Telemed.Modules.Privacy.Consents;
using Telemed.Modules.Privacy.Contracts;

namespace Telemed.UnitTests.Privacy;

/// <summary>The privacy module's rules: whose access the report lists, and where a patient stands on a consent.</summary>
public sealed class PrivacyRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Staff_are_accounts_with_any_role_but_patient()
    {
        WhoseAccessIsReported.IsStaff(["Doctor"]).ShouldBeTrue();
        WhoseAccessIsReported.IsStaff(["Patient", "FrontDesk"]).ShouldBeTrue();
        WhoseAccessIsReported.IsStaff(["Patient"]).ShouldBeFalse();
        WhoseAccessIsReported.IsStaff([]).ShouldBeFalse();
    }

    [Fact]
    public void The_report_leaves_out_the_asking_account_even_when_it_is_staff()
    {
        var me = Guid.NewGuid();
        var doctor = Guid.NewGuid();
        var staff = new Dictionary<Guid, IReadOnlyList<string>> { [me] = ["Doctor", "Patient"], [doctor] = ["Doctor"] };
        WhoseAccessIsReported.ActorsToReport(staff, me).ShouldBe([doctor]);
    }

    [Fact]
    public void Refusals_are_reported_only_when_asked()
    {
        WhoseAccessIsReported.ActionsToReport(false).ShouldNotContain(AuditActions.AccessDenied);
        WhoseAccessIsReported.OutcomesToReport(false).ShouldNotContain(AuditOutcome.Denied);
        WhoseAccessIsReported.ActionsToReport(true).ShouldContain(AuditActions.AccessDenied);
        WhoseAccessIsReported.OutcomesToReport(true).ShouldContain(AuditOutcome.Denied);
    }

    [Theory]
    [InlineData(AuditActions.PhiRead, AuditOutcome.Success, "opened")]
    [InlineData(AuditActions.PhiRead, AuditOutcome.Denied, "refused")]
    [InlineData(AuditActions.AccessDenied, AuditOutcome.Denied, "refused")]
    [InlineData(AuditActions.BreakGlassGranted, AuditOutcome.Success, "emergencyAccess")]
    public void An_entry_tells_the_patient_what_happened(string action, AuditOutcome outcome, string kind) =>
        WhoseAccessIsReported.KindOf(new PatientAccessEntry(1, Now, Guid.NewGuid(), action, "Consultation", outcome, false)).ShouldBe(kind);

    private static ConsentText Text(int versions)
    {
        ConsentText? text = null;
        for (var i = 0; i < versions; i++)
        {
            text = ConsentText.Publish(ConsentKinds.Recording, text, "en", "ru", Now, null);
        }

        return text!;
    }

    [Fact]
    public void Publishing_counts_versions_up_from_one()
    {
        Text(1).Version.ShouldBe(1);
        Text(3).Version.ShouldBe(3);
        Should.Throw<ArgumentException>(() => ConsentText.Publish("marketing", null, "en", "ru", Now, null));
    }

    [Fact]
    public void Consent_counts_only_when_given_to_the_current_version_and_not_withdrawn()
    {
        var patient = Guid.NewGuid();
        var v1 = Text(1);
        var v2 = Text(2);
        ConsentStatusRules.StatusOf(null, 1).ShouldBe(ConsentStatusRules.NotGiven);
        ConsentStatusRules.StatusOf(ConsentDecision.Give(patient, v1, Now, patient), 1).ShouldBe(ConsentStatusRules.Given);
        ConsentStatusRules.StatusOf(ConsentDecision.Withdraw(patient, v1, Now, patient), 1).ShouldBe(ConsentStatusRules.Withdrawn);
        ConsentStatusRules.StatusOf(ConsentDecision.Give(patient, v1, Now, patient), v2.Version).ShouldBe(ConsentStatusRules.RenewalNeeded);
        ConsentStatusRules.CountsAsConsent(ConsentDecision.Give(patient, v1, Now, patient), v2.Version).ShouldBeFalse();
        ConsentStatusRules.CountsAsConsent(ConsentDecision.Give(patient, v2, Now, patient), v2.Version).ShouldBeTrue();
    }
}
