using Telemed.Modules.Consultations.Chat;

namespace Telemed.UnitTests.Consultations;

/// <summary>The chat's access and read-mark rules, and what a hub connection may remember between invocations.</summary>
public sealed class ChatAccessRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Guid PatientUserId = Guid.NewGuid();
    private static readonly Guid DoctorUserId = Guid.NewGuid();

    private static ConversationKeys CareTeam() => new(Guid.NewGuid(), ConversationKind.CareTeam, Guid.NewGuid(), PatientUserId, DoctorUserId);

    [Fact]
    public void Given_a_conversation_Then_its_patient_and_doctor_are_participants_with_their_roles_and_nobody_else_is()
    {
        var keys = CareTeam();
        keys.IsParticipant(PatientUserId).ShouldBeTrue();
        keys.IsParticipant(DoctorUserId).ShouldBeTrue();
        keys.IsParticipant(Guid.NewGuid()).ShouldBeFalse();
        keys.RoleOf(PatientUserId).ShouldBe("patient");
        keys.RoleOf(DoctorUserId).ShouldBe("doctor");
        (keys with { DoctorUserId = null }).IsParticipant(DoctorUserId).ShouldBeFalse("an on-demand chat has no doctor until one accepts");
    }

    [Fact]
    public void Given_a_connection_Then_it_keeps_participant_grants_but_never_a_readers_which_can_lapse()
    {
        var connection = new ChatConnection();
        var participant = new ConversationGrant(CareTeam(), Participant: true, Until: null);
        var reader = new ConversationGrant(CareTeam(), Participant: false, Until: Now.AddHours(1));
        connection.Remember(participant);
        connection.Remember(reader);
        connection.ParticipantGrant(participant.Conversation.Id).ShouldBe(participant);
        connection.ParticipantGrant(reader.Conversation.Id).ShouldBeNull();
    }

    [Fact]
    public async Task Given_a_connection_Then_it_looks_its_users_name_up_once_per_role()
    {
        var connection = new ChatConnection();
        var lookups = 0;
        Task<string> LookUp() => Task.FromResult($"Name {++lookups}");
        (await connection.NameAsync("patient", LookUp)).ShouldBe("Name 1");
        (await connection.NameAsync("patient", LookUp)).ShouldBe("Name 1");
        (await connection.NameAsync("doctor", LookUp)).ShouldBe("Name 2");
    }

    [Fact]
    public void Given_a_read_mark_Then_it_moves_forward_only()
    {
        var state = ReadState.For(Guid.NewGuid(), PatientUserId);
        var later = Guid.NewGuid();
        state.MarkRead(later, Now, Now.AddMinutes(1)).ShouldBeTrue();
        state.MarkRead(Guid.NewGuid(), Now.AddSeconds(-5), Now.AddMinutes(2)).ShouldBeFalse();
        state.MarkRead(Guid.NewGuid(), Now, Now.AddMinutes(2)).ShouldBeFalse();
        state.LastReadMessageId.ShouldBe(later);
        state.ReadAt.ShouldBe(Now.AddMinutes(1));
    }
}

/// <summary>The host's memory of who is in each conversation.</summary>
public sealed class ConversationKeysCacheTests
{
    [Fact]
    public void Given_keys_Then_they_are_found_until_the_cache_is_full_and_starts_over()
    {
        var cache = new ConversationKeysCache();
        var first = new ConversationKeys(Guid.NewGuid(), ConversationKind.CareTeam, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        cache.Remember(first);
        cache.Find(first.Id).ShouldBe(first);
        cache.Find(Guid.NewGuid()).ShouldBeNull();
        for (var i = 1; i < ConversationKeysCache.Capacity; i++)
        {
            cache.Remember(first with { Id = Guid.NewGuid() });
        }

        cache.Find(first.Id).ShouldBe(first);
        var last = first with { Id = Guid.NewGuid() };
        cache.Remember(last);
        cache.Find(first.Id).ShouldBeNull();
        cache.Find(last.Id).ShouldBe(last);
    }
}
