using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Consultations.Chat;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Consultations.Triage;
using Telemed.Modules.Consultations.Visits;

namespace Telemed.UnitTests.Consultations;

/// <summary>The rules that moved into the Consultation and ChatMessage entities, one test each.</summary>
public sealed class ConsultationTransitionTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Guid DoctorId = Guid.NewGuid();
    private static readonly Guid DoctorUserId = Guid.NewGuid();

    private static Consultation Waiting()
    {
        var c = Consultation.OnDemand("dermatology", Guid.NewGuid(), Guid.NewGuid(), ConsultationKind.Video, Now);
        c.RecordComplaint("{}", "Left hand · 2/10", new TriageResult(TriageLevel.Routine, "", []));
        c.EnterWaitingRoom(Now).IsSuccess.ShouldBeTrue();
        c.ClearDomainEvents();
        return c;
    }

    [Fact]
    public void Given_a_waiting_request_When_a_doctor_accepts_Then_it_is_in_progress_with_them_and_ConsultationStarted_is_raised_once()
    {
        var c = Waiting();
        var version = c.Version;
        c.Accept(DoctorId, DoctorUserId, Now.AddMinutes(2)).IsSuccess.ShouldBeTrue();
        c.Status.ShouldBe(ConsultationStatus.InProgress);
        c.DoctorUserId.ShouldBe(DoctorUserId);
        c.StartedAt.ShouldBe(Now.AddMinutes(2));
        c.Version.ShouldBe(version + 1);
        var started = c.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<ConsultationStarted>();
        started.ShouldBe(new ConsultationStarted(c.Id, DoctorUserId, c.PatientId, Now.AddMinutes(2)) { EventId = started.EventId });
    }

    [Fact]
    public void Given_a_request_another_doctor_accepted_Then_accepting_it_is_refused_as_taken_and_raises_nothing()
    {
        var c = Waiting();
        c.Accept(DoctorId, DoctorUserId, Now).IsSuccess.ShouldBeTrue();
        c.ClearDomainEvents();
        c.Accept(Guid.NewGuid(), Guid.NewGuid(), Now).Error!.Code.ShouldBe("consultation.already_taken");
        c.DoctorUserId.ShouldBe(DoctorUserId);
        c.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void Given_a_consultation_that_is_not_waiting_Then_its_own_doctor_cannot_accept_it_again()
    {
        var c = Waiting();
        c.Accept(DoctorId, DoctorUserId, Now).IsSuccess.ShouldBeTrue();
        c.Accept(DoctorId, DoctorUserId, Now).Error!.Code.ShouldBe("consultation.not_waiting");
        var unqueued = Consultation.OnDemand("dermatology", Guid.NewGuid(), Guid.NewGuid(), ConsultationKind.Video, Now);
        unqueued.Accept(DoctorId, DoctorUserId, Now).Error!.Code.ShouldBe("consultation.not_waiting");
    }

    [Fact]
    public void Given_a_consultation_in_progress_When_it_completes_Then_ConsultationCompleted_carries_the_appointment_and_the_actual_times()
    {
        var appointmentId = Guid.NewGuid();
        var c = Consultation.ForAppointment(appointmentId, Guid.NewGuid(), DoctorId, DoctorUserId, "dermatology", Guid.NewGuid(), Guid.NewGuid(),
            ConsultationKind.Chat, Now, Now.AddMinutes(30), Now.AddMinutes(-20));
        c.EnterWaitingRoom(Now).IsSuccess.ShouldBeTrue();
        c.Accept(DoctorId, DoctorUserId, Now.AddMinutes(1)).IsSuccess.ShouldBeTrue();
        c.ClearDomainEvents();

        c.Complete(Now.AddMinutes(8)).IsSuccess.ShouldBeTrue();
        var completed = c.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<ConsultationCompleted>();
        completed.AppointmentId.ShouldBe(appointmentId);
        completed.Kind.ShouldBe(ConsultationKind.Chat);
        (completed.StartedAt, completed.EndedAt).ShouldBe((Now.AddMinutes(1), Now.AddMinutes(8)));
        c.Complete(Now.AddMinutes(9)).Error!.Code.ShouldBe("consultation.invalid_transition");
        c.DomainEvents.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(4000, true)]
    [InlineData(4001, false)]
    public void Given_a_message_body_Then_it_fits_at_most_4000_characters_after_trimming(int length, bool fits)
    {
        ChatMessage.BodyFits(new string('a', length)).ShouldBe(fits);
        ChatMessage.BodyFits("  " + new string('a', 4000) + "  ").ShouldBeTrue();
        ChatMessage.BodyFits(null).ShouldBeTrue();
    }

    [Fact]
    public void Given_a_message_Then_it_says_something_text_that_fits_or_a_file()
    {
        ChatMessage.AcceptableBody("  hello ", hasAttachments: false).Value.ShouldBe("hello");
        ChatMessage.AcceptableBody("   ", hasAttachments: false).Error!.Code.ShouldBe("chat.empty_message");
        ChatMessage.AcceptableBody(null, hasAttachments: true).Value.ShouldBe("");
        ChatMessage.AcceptableBody(new string('a', 4001), hasAttachments: true).Error!.Code.ShouldBe("chat.message_too_long");
        ChatMessage.Create(Guid.NewGuid(), Guid.NewGuid(), "patient", new string('a', 4001), [], "c", Now).Error!.Code.ShouldBe("chat.message_too_long");
        ChatMessage.Create(Guid.NewGuid(), Guid.NewGuid(), "patient", " hi ", [], "c", Now).Value.Body.ShouldBe("hi");
    }

    [Fact]
    public void Given_a_hub_error_Then_it_carries_the_rest_code_before_its_text()
    {
        var message = $"An unexpected error occurred invoking 'SendMessage' on the server. HubException: {HubErrors.From(new("chat.not_found", "There is no such conversation.", Telemed.BuildingBlocks.Results.ErrorKind.NotFound)).Message}";
        HubErrors.Parse(message).ShouldBe(("chat.not_found", "There is no such conversation."));
        HubErrors.Parse("Something broke: badly").ShouldBeNull();
    }
}
