using Microsoft.Extensions.Options;
using Telemed.Modules.Consultations.Calls.Group;
using Telemed.Modules.Consultations.Calls.Media;
using Telemed.Modules.Consultations.Infrastructure;

namespace Telemed.UnitTests.Consultations;

/// <summary>Issue 16's rules for guests of a call and the host's derivations of Janus tokens, publisher ids and room numbers.</summary>
public sealed class GroupCallRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);

    private static CallGuest Invited() => new(Guid.NewGuid(), Guid.NewGuid(), CallGuestRole.Interpreter, Guid.NewGuid(), Now);

    [Fact]
    public void Given_an_invited_guest_who_has_not_asked_to_join_When_the_doctor_admits_them_Then_it_is_refused()
    {
        var guest = Invited();

        var admitted = guest.Admit(Now);

        admitted.Error!.Code.ShouldBe("consultation.guest_not_waiting");
        guest.Status.ShouldBe(CallGuestStatus.Invited);
    }

    [Fact]
    public void Given_a_guest_who_asked_to_join_When_the_doctor_admits_them_Then_they_are_admitted_at_that_time()
    {
        var guest = Invited();
        guest.Knock().IsSuccess.ShouldBeTrue();
        guest.Status.ShouldBe(CallGuestStatus.Waiting);

        guest.Admit(Now.AddMinutes(1)).IsSuccess.ShouldBeTrue();

        guest.Status.ShouldBe(CallGuestStatus.Admitted);
        guest.AdmittedAt.ShouldBe(Now.AddMinutes(1));
        guest.Knock().IsSuccess.ShouldBeTrue();
        guest.Status.ShouldBe(CallGuestStatus.Admitted, "asking again once admitted changes nothing");
    }

    [Fact]
    public void Given_a_removed_guest_Then_they_can_neither_ask_to_join_nor_be_admitted_again()
    {
        var guest = Invited();
        guest.Knock();
        guest.Remove(Now);

        guest.Knock().Error!.Code.ShouldBe("consultation.not_found");
        guest.Admit(Now).Error!.Code.ShouldBe("consultation.guest_not_waiting");
        guest.Status.ShouldBe(CallGuestStatus.Removed);
        guest.RemovedAt.ShouldBe(Now);
    }

    [Theory]
    [InlineData("interpreter", CallGuestRole.Interpreter)]
    [InlineData("family", CallGuestRole.Family)]
    [InlineData("consultingDoctor", CallGuestRole.ConsultingDoctor)]
    [InlineData("Interpreter", null)]
    [InlineData("patient", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Guest_roles_are_the_three_named_ones_only(string? name, CallGuestRole? expected) => GuestRoles.Parse(name).ShouldBe(expected);

    private static JanusSfu Janus(string secret = "an-admin-secret-of-some-length") =>
        new(new HttpClient(), Options.Create(new ConsultationsOptions { Video = { Sfu = { Janus = { ApiUrl = "http://sfu/janus", AdminUrl = "http://sfu/admin", BrowserUrl = "ws://sfu", AdminSecret = secret } } } }));

    [Fact]
    public void Tokens_and_publisher_ids_are_the_same_on_every_host_and_differ_per_room_participant_and_secret()
    {
        var user = Guid.NewGuid();
        var other = Guid.NewGuid();

        Janus().TokenOf(42, user).ShouldBe(Janus().TokenOf(42, user));
        Janus().TokenOf(42, user).Length.ShouldBe(32);
        Janus().TokenOf(42, user).ShouldNotBe(Janus().TokenOf(43, user));
        Janus().TokenOf(42, user).ShouldNotBe(Janus().TokenOf(42, other));
        Janus().TokenOf(42, user).ShouldNotBe(Janus("another-admin-secret-entirely").TokenOf(42, user));

        var feed = Janus().FeedIdOf(42, user);
        feed.ShouldBe(Janus().FeedIdOf(42, user));
        (feed % 2).ShouldBe(0, "the screen share publishes as feed + 1");
        feed.ShouldBeInRange(2, (1L << 52) - 1);
        Janus().FeedIdOf(42, other).ShouldNotBe(feed);
    }

    [Fact]
    public void Room_numbers_are_the_same_on_every_host_so_that_racing_first_admissions_open_one_room_and_differ_per_consultation_attempt_and_secret()
    {
        var consultation = Guid.NewGuid();

        var room = Janus().RoomIdOf(consultation, 0);
        room.ShouldBe(Janus().RoomIdOf(consultation, 0));
        room.ShouldBeInRange(1, (1L << 53) - 1, "browsers read it exactly");
        Janus().RoomIdOf(Guid.NewGuid(), 0).ShouldNotBe(room);
        Janus().RoomIdOf(consultation, 1).ShouldNotBe(room, "the next candidate when another consultation's room holds this number");
        Janus("another-admin-secret-entirely").RoomIdOf(consultation, 0).ShouldNotBe(room, "not guessable from the consultation id alone");
    }
}
