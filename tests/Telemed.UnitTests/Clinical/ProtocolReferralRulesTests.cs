using Telemed.Modules.Clinical.Protocols;

namespace Telemed.UnitTests.Clinical;

/// <summary>
/// A referral's target is a coded field: a specialist referral names a specialty code, a lab referral's LOINC code is checked and
/// catalogued, and no referral is listed twice. "astrology", "2345-8" and the same referral twice were saved as typed.
/// </summary>
public sealed class ProtocolReferralRulesTests
{
    private static readonly Dictionary<string, string> Catalogue = new(StringComparer.OrdinalIgnoreCase) { ["2345-7"] = "2345-7", ["718-7"] = "718-7" };

    private static string? CatalogueCode(string code) => Catalogue.GetValueOrDefault(code);

    private static ProtocolReferral R(ReferralKind kind, string target, string? note = null) => new(kind, target, note);

    [Theory]
    [InlineData("cardiology", "cardiology")]
    [InlineData("Cardiology ", "cardiology")]
    [InlineData(" GENERAL-PRACTICE", "general-practice")]
    public void Given_a_specialist_referral_naming_a_known_specialty_in_any_case_Then_it_is_kept_as_the_code(string typed, string code) =>
        ProtocolRules.ASpecialistReferralNamesAKnownSpecialty(R(ReferralKind.Specialist, typed), 0).Value.Target.ShouldBe(code);

    [Theory]
    [InlineData("astrology")]
    [InlineData("Cardiologist")]
    [InlineData("ENT")]
    public void Given_a_specialist_referral_naming_no_specialty_Then_it_is_refused_naming_its_target(string typed)
    {
        var error = ProtocolRules.ASpecialistReferralNamesAKnownSpecialty(R(ReferralKind.Specialist, typed), 2).Error!;
        error.Code.ShouldBe("clinical.unknown_referral_target");
        error.FieldErrors!.Keys.ShouldBe(["referrals[2].target"]);
    }

    [Fact]
    public void Given_other_kinds_or_an_empty_specialist_target_Then_the_specialty_rule_leaves_them_as_they_are()
    {
        ProtocolRules.ASpecialistReferralNamesAKnownSpecialty(R(ReferralKind.InPersonVisit, "astrology"), 0).Value.Target.ShouldBe("astrology");
        ProtocolRules.ASpecialistReferralNamesAKnownSpecialty(R(ReferralKind.LabTest, "Glucose"), 0).Value.Target.ShouldBe("Glucose");
        ProtocolRules.ASpecialistReferralNamesAKnownSpecialty(R(ReferralKind.Specialist, ""), 0).Value.Target.ShouldBe("", "empty is clinical.empty_referral's to refuse");
    }

    [Theory]
    [InlineData("2345-8", "check digit")]
    [InlineData("718-6", "check digit")]
    [InlineData("2339-0", "catalogue")]
    public void Given_a_lab_referral_with_a_wrong_or_uncatalogued_LOINC_code_Then_it_is_refused_naming_its_target(string typed, string why)
    {
        var error = ProtocolRules.ALabReferralsLoincCodeIsCatalogued(R(ReferralKind.LabTest, typed), 1, CatalogueCode).Error!;
        error.Code.ShouldBe("clinical.unknown_referral_target");
        error.FieldErrors!["referrals[1].target"].Single().ShouldContain(why);
    }

    [Fact]
    public void Given_a_lab_referral_with_a_catalogued_LOINC_code_or_a_test_name_Then_the_code_is_the_catalogues_and_the_name_is_kept()
    {
        ProtocolRules.ALabReferralsLoincCodeIsCatalogued(R(ReferralKind.LabTest, " 2345-7 "), 0, CatalogueCode).Value.Target.ShouldBe("2345-7");
        ProtocolRules.ALabReferralsLoincCodeIsCatalogued(R(ReferralKind.LabTest, "Fasting glucose"), 0, CatalogueCode).Value.Target.ShouldBe("Fasting glucose");
        ProtocolRules.ALabReferralsLoincCodeIsCatalogued(R(ReferralKind.Specialist, "2345-8"), 0, CatalogueCode).IsSuccess.ShouldBeTrue("not a lab referral");
    }

    [Fact]
    public void Given_several_referrals_Then_each_target_is_coded_and_the_first_unknown_one_is_named()
    {
        var coded = ProtocolRules.ReferralTargetsAreKnownCodes([R(ReferralKind.Specialist, "Neurology"), R(ReferralKind.LabTest, "718-7")], CatalogueCode);
        coded.Value.Select(r => r.Target).ShouldBe(["neurology", "718-7"]);
        ProtocolRules.ReferralTargetsAreKnownCodes([R(ReferralKind.Specialist, "neurology"), R(ReferralKind.LabTest, "2345-8")], CatalogueCode)
            .Error!.FieldErrors!.Keys.ShouldBe(["referrals[1].target"]);
    }

    [Fact]
    public void Given_the_same_referral_twice_after_coding_Then_it_is_refused_naming_the_repeat()
    {
        var coded = ProtocolRules.ReferralTargetsAreKnownCodes([R(ReferralKind.Specialist, "cardiology"), R(ReferralKind.Specialist, "Cardiology ")], CatalogueCode).Value;
        var error = ProtocolRules.NoReferralIsListedTwice(coded)!;
        error.Code.ShouldBe("clinical.duplicate_referral");
        error.FieldErrors!.Keys.ShouldBe(["referrals[1].target"]);
        ProtocolRules.NoReferralIsListedTwice([R(ReferralKind.LabTest, "Fasting glucose"), R(ReferralKind.LabTest, "fasting GLUCOSE")])!.Code
            .ShouldBe("clinical.duplicate_referral");
    }

    [Fact]
    public void Given_different_referrals_Then_none_is_a_repeat()
    {
        ProtocolRules.NoReferralIsListedTwice([R(ReferralKind.Specialist, "cardiology"), R(ReferralKind.LabTest, "cardiology"), R(ReferralKind.Specialist, "neurology")])
            .ShouldBeNull();
        ProtocolRules.NoReferralIsListedTwice([R(ReferralKind.InPersonVisit, "", "Neurologist"), R(ReferralKind.InPersonVisit, "", "ENT")])
            .ShouldBeNull("in-person visits differ by their note");
        ProtocolRules.NoReferralIsListedTwice([R(ReferralKind.InPersonVisit, "", "ENT"), R(ReferralKind.InPersonVisit, "", "ent ")])!.Code
            .ShouldBe("clinical.duplicate_referral");
    }
}
