using Telemed.Modules.Clinical.Protocols;

namespace Telemed.UnitTests.Clinical;

public sealed class ProtocolRulesTests
{
    private static ProtocolDiagnosis D(string code, DiagnosisRole role, DiagnosisCertainty certainty = DiagnosisCertainty.Preliminary) =>
        new(code, "title", role, certainty);

    [Fact]
    public void A_protocol_without_diagnoses_is_allowed() =>
        ProtocolRules.DiagnosesHaveExactlyOnePrimaryAndNoDuplicates([]).ShouldBeNull();

    [Fact]
    public void One_primary_and_secondaries_are_allowed() =>
        ProtocolRules.DiagnosesHaveExactlyOnePrimaryAndNoDuplicates([D("J06.9", DiagnosisRole.Primary), D("R05", DiagnosisRole.Secondary)]).ShouldBeNull();

    [Fact]
    public void Two_primaries_are_refused() =>
        ProtocolRules.DiagnosesHaveExactlyOnePrimaryAndNoDuplicates([D("J06.9", DiagnosisRole.Primary), D("R05", DiagnosisRole.Primary)])!
            .Code.ShouldBe("clinical.one_primary_diagnosis");

    [Fact]
    public void Only_secondaries_are_refused() =>
        ProtocolRules.DiagnosesHaveExactlyOnePrimaryAndNoDuplicates([D("R05", DiagnosisRole.Secondary)])!.Code.ShouldBe("clinical.one_primary_diagnosis");

    [Fact]
    public void The_same_code_twice_is_refused() =>
        ProtocolRules.DiagnosesHaveExactlyOnePrimaryAndNoDuplicates([D("J06.9", DiagnosisRole.Primary), D("J06.9", DiagnosisRole.Secondary)])!
            .Code.ShouldBe("clinical.duplicate_diagnosis");

    [Fact]
    public void More_than_twelve_diagnoses_are_refused() =>
        ProtocolRules.DiagnosesHaveExactlyOnePrimaryAndNoDuplicates(
            [D("A00", DiagnosisRole.Primary), .. Enumerable.Range(10, 12).Select(i => D($"B{i}", DiagnosisRole.Secondary))])!
            .Code.ShouldBe("clinical.too_many_entries");

    [Fact]
    public void A_specialist_or_lab_referral_names_its_target_but_an_in_person_referral_need_not()
    {
        ProtocolRules.ReferralsNameWhatTheyAreFor([new ProtocolReferral(ReferralKind.InPersonVisit, "", null)]).ShouldBeNull();
        ProtocolRules.ReferralsNameWhatTheyAreFor([new ProtocolReferral(ReferralKind.Specialist, "cardiology", null)]).ShouldBeNull();
        ProtocolRules.ReferralsNameWhatTheyAreFor([new ProtocolReferral(ReferralKind.LabTest, " ", null)])!.Code.ShouldBe("clinical.empty_referral");
        ProtocolRules.ReferralsNameWhatTheyAreFor([new ProtocolReferral(ReferralKind.Specialist, "", "soon")])!.Code.ShouldBe("clinical.empty_referral");
    }

    [Theory]
    [InlineData("2026-11-30", "clinical.follow_up_in_the_past")]
    [InlineData("2026-11-29", "clinical.follow_up_in_the_past")]
    [InlineData("2026-12-01", null)]
    public void A_follow_up_is_after_the_visit_day(string followUp, string? expected) =>
        ProtocolRules.FollowUpIsAfterTheVisit(DateOnly.Parse(followUp), new DateOnly(2026, 11, 30))?.Code.ShouldBe(expected);

    [Fact]
    public void No_follow_up_is_allowed() => ProtocolRules.FollowUpIsAfterTheVisit(null, new DateOnly(2026, 11, 30)).ShouldBeNull();

    [Theory]
    [InlineData("waiting", "clinical.consultation_not_started")]
    [InlineData("failed", "clinical.consultation_not_started")]
    [InlineData("scheduled", "clinical.consultation_not_started")]
    public void The_protocol_waits_for_the_consultation_to_start(string status, string expected) =>
        ProtocolRules.TheConsultationHasStarted(status)!.Code.ShouldBe(expected);

    [Theory]
    [InlineData("inProgress")]
    [InlineData("completed")]
    public void The_protocol_is_written_during_and_after_the_consultation(string status) =>
        ProtocolRules.TheConsultationHasStarted(status).ShouldBeNull();

    [Fact]
    public void A_section_one_character_over_the_limit_is_refused()
    {
        ProtocolRules.SectionsAreWithinTheLimit("", new string('a', ProtocolRules.MaxSectionLength), null).ShouldBeNull();
        ProtocolRules.SectionsAreWithinTheLimit("", new string('a', ProtocolRules.MaxSectionLength + 1))!.Code.ShouldBe("clinical.section_too_long");
    }

    [Fact]
    public void A_save_from_an_older_version_is_refused_and_changes_nothing()
    {
        var now = new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
        var protocol = VisitProtocol.Start(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), now);
        var first = new ProtocolContent("cough", "", "", "", [D("R05", DiagnosisRole.Primary)], [], null);
        protocol.Write(first, 0, now).IsSuccess.ShouldBeTrue();
        protocol.Version.ShouldBe(1);

        protocol.Write(first with { Complaints = "stale tab" }, 0, now).Error!.Code.ShouldBe("clinical.protocol_changed");
        protocol.Complaints.ShouldBe("cough");
        protocol.Diagnoses.Single().Code.ShouldBe("R05");
        protocol.Version.ShouldBe(1);
    }
}
