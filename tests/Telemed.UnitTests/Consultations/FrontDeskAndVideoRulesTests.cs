using Telemed.Modules.Consultations.Calls;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.OnCall;
using Telemed.Modules.Consultations.Triage;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.UnitTests.Consultations;

/// <summary>Issue 11's consultation rules: escalations the front desk acts on, video by agreement, specialties.</summary>
public sealed class FrontDeskAndVideoRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);

    private static Consultation Waiting(ConsultationKind kind = ConsultationKind.Video, bool escalated = true)
    {
        var c = Consultation.OnDemand("neurology", Guid.NewGuid(), Guid.NewGuid(), kind, Now);
        c.RecordComplaint("{}", "Head · 3/10", new TriageResult(TriageLevel.Routine, "", []));
        c.EnterWaitingRoom(Now).IsSuccess.ShouldBeTrue();
        if (escalated)
        {
            c.Escalate(Now.AddMinutes(3));
        }

        return c;
    }

    [Fact]
    public void Given_an_open_escalation_When_the_desk_rings_back_Then_the_time_is_recorded_and_it_stays_open()
    {
        var c = Waiting();
        c.MarkCalledBack(Now.AddMinutes(5)).IsSuccess.ShouldBeTrue();
        c.CalledBackAt.ShouldBe(Now.AddMinutes(5));
        c.IsOpenEscalation.ShouldBeTrue();
    }

    [Fact]
    public void Given_an_open_escalation_When_assigned_Then_it_waits_for_that_doctor_and_leaves_the_desk()
    {
        var c = Waiting();
        var doctorUserId = Guid.NewGuid();
        c.AssignTo(Guid.NewGuid(), doctorUserId).IsSuccess.ShouldBeTrue();
        c.DoctorUserId.ShouldBe(doctorUserId);
        c.Status.ShouldBe(ConsultationStatus.Waiting);
        c.IsOpenEscalation.ShouldBeFalse();
        c.Accept(Guid.NewGuid(), Guid.NewGuid(), Now).Error!.Code.ShouldBe("consultation.already_taken");
    }

    [Fact]
    public void Given_a_dismissed_escalation_Then_no_desk_action_applies_any_more()
    {
        var c = Waiting();
        c.DismissEscalation(Now).IsSuccess.ShouldBeTrue();
        c.MarkCalledBack(Now).Error!.Code.ShouldBe("consultation.not_escalated");
        c.AssignTo(Guid.NewGuid(), Guid.NewGuid()).Error!.Code.ShouldBe("consultation.not_escalated");
        c.Status.ShouldBe(ConsultationStatus.Waiting);
    }

    [Fact]
    public void Given_a_request_not_escalated_Then_the_desk_cannot_act_on_it() =>
        Waiting(escalated: false).MarkCalledBack(Now).Error!.Code.ShouldBe("consultation.not_escalated");

    [Fact]
    public void Given_a_chat_in_progress_When_switched_to_video_Then_it_is_a_video_call_and_a_second_switch_is_refused()
    {
        var c = Waiting(ConsultationKind.Chat, escalated: false);
        c.SwitchToVideo().Error!.Code.ShouldBe("consultation.not_a_chat");
        c.Accept(Guid.NewGuid(), Guid.NewGuid(), Now).IsSuccess.ShouldBeTrue();
        c.SwitchToVideo().IsSuccess.ShouldBeTrue();
        c.Kind.ShouldBe(ConsultationKind.Video);
        c.SwitchToVideo().Error!.Code.ShouldBe("consultation.not_a_chat");
    }

    [Fact]
    public void Given_a_proposal_Then_only_the_other_side_may_answer_it_and_only_while_it_is_open()
    {
        var id = Guid.NewGuid();
        var proposal = new OpenVideoProposal(id, "doctor", Now);
        bool Answerable(Guid consultationId, string answerer, DateTime at) => OpenVideoProposal.AnswerableBy(consultationId, answerer, at).Compile()(proposal);
        bool Open(DateTime at) => OpenVideoProposal.OpenAt(id, at).Compile()(proposal);

        Answerable(id, "doctor", Now).ShouldBeFalse();
        Answerable(id, "patient", Now).ShouldBeTrue();
        Answerable(Guid.NewGuid(), "patient", Now).ShouldBeFalse();
        Open(Now + OpenVideoProposal.Lifetime - TimeSpan.FromSeconds(1)).ShouldBeTrue();
        Open(Now + OpenVideoProposal.Lifetime).ShouldBeFalse();
        Answerable(id, "patient", Now + OpenVideoProposal.Lifetime).ShouldBeFalse();
    }

    [Theory]
    [InlineData(new[] { "cardiology" }, "dermatology", false)]
    [InlineData(new[] { "general-practice", "endocrinology" }, "Endocrinology", true)]
    [InlineData(new string[0], "neurology", false)]
    public void A_doctor_takes_only_requests_of_a_specialty_they_practise(string[] specialties, string requested, bool expected) =>
        DutyStatus.CanTake(specialties, requested).ShouldBe(expected);
}
