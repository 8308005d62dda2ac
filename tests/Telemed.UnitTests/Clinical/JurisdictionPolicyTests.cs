using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Jurisdictions;

namespace Telemed.UnitTests.Clinical;

/// <summary>323-FZ art. 36.2 part 3 and order 965n items 40–43 for Russia; no platform restriction for the US and the EU.</summary>
public sealed class JurisdictionPolicyTests
{
    private static readonly RemoteVisitFacts FirstRemoteVisit = new(HasPriorInPersonVisit: false);
    private static readonly RemoteVisitFacts SeenInPersonBefore = new(HasPriorInPersonVisit: true);

    [Fact]
    public void Russia_refuses_a_confirmed_diagnosis_without_a_prior_in_person_visit() =>
        JurisdictionPolicies.For(JurisdictionCodes.Russia).MayConfirmDiagnosis(FirstRemoteVisit)!.Code
            .ShouldBe("clinical.confirmed_diagnosis_needs_in_person_visit");

    [Fact]
    public void Russia_allows_a_confirmed_diagnosis_after_an_in_person_visit() =>
        JurisdictionPolicies.For(JurisdictionCodes.Russia).MayConfirmDiagnosis(SeenInPersonBefore).ShouldBeNull();

    [Fact]
    public void Russia_refuses_new_treatment_without_a_prior_in_person_visit_and_allows_it_after()
    {
        var policy = JurisdictionPolicies.For(JurisdictionCodes.Russia);
        policy.MayStartNewTreatment(FirstRemoteVisit)!.Code.ShouldBe("clinical.treatment_needs_in_person_visit");
        policy.MayStartNewTreatment(SeenInPersonBefore).ShouldBeNull();
    }

    [Fact]
    public void Russia_asks_a_first_remote_visit_to_end_with_an_in_person_referral()
    {
        var policy = JurisdictionPolicies.For(JurisdictionCodes.Russia);
        policy.SignedProtocolIsComplete(FirstRemoteVisit, hasInPersonReferral: false)!.Code.ShouldBe("clinical.in_person_referral_required");
        policy.SignedProtocolIsComplete(FirstRemoteVisit, hasInPersonReferral: true).ShouldBeNull();
        policy.SignedProtocolIsComplete(SeenInPersonBefore, hasInPersonReferral: false).ShouldBeNull();
    }

    [Theory]
    [InlineData(JurisdictionCodes.UnitedStates)]
    [InlineData(JurisdictionCodes.EuropeanUnion)]
    [InlineData("")]
    [InlineData("unknown")]
    public void Other_jurisdictions_add_no_restriction(string code)
    {
        var policy = JurisdictionPolicies.For(code);
        policy.MayConfirmDiagnosis(FirstRemoteVisit).ShouldBeNull();
        policy.MayStartNewTreatment(FirstRemoteVisit).ShouldBeNull();
        policy.SignedProtocolIsComplete(FirstRemoteVisit, hasInPersonReferral: false).ShouldBeNull();
    }

    [Fact]
    public void Every_listed_code_has_its_own_policy() =>
        JurisdictionCodes.All.ShouldAllBe(code => JurisdictionPolicies.IsKnown(code) && JurisdictionPolicies.For(code).Code == code);
}
