using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Audit.Trail;

namespace Telemed.UnitTests.Audit;

public sealed class AuditEntryTests
{
    private static AuditRecord Record(string action = AuditActions.PhiRead) =>
        new(action, AuditOutcome.Success, new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc), Guid.NewGuid(), "Doctor", "127.0.0.1", "PatientClinicalSummary", Guid.NewGuid().ToString());

    [Fact]
    public void Given_two_appended_entries_Then_the_second_links_to_the_first()
    {
        var first = AuditEntry.Append(1, AuditEntry.GenesisHash, Record());
        var second = AuditEntry.Append(2, first.Hash!, Record());

        second.PreviousHash.ShouldBe(first.Hash);
        first.ComputeHash().ShouldBe(first.Hash);
        second.Hash.ShouldNotBe(first.Hash);
    }

    [Theory]
    [InlineData("outcome")]
    [InlineData("breakglass")]
    [InlineData("reason")]
    public void Given_an_entry_When_any_field_changes_Then_its_hash_no_longer_matches(string field)
    {
        var entry = AuditEntry.Append(1, AuditEntry.GenesisHash, Record() with { Reason = "unconscious patient" });
        var altered = field switch
        {
            "outcome" => AuditEntry.Append(1, AuditEntry.GenesisHash, Record() with { Reason = "unconscious patient", Outcome = AuditOutcome.Denied }),
            "breakglass" => AuditEntry.Append(1, AuditEntry.GenesisHash, Record() with { Reason = "unconscious patient", BreakGlass = true }),
            _ => AuditEntry.Append(1, AuditEntry.GenesisHash, Record() with { Reason = "other" }),
        };
        altered.Hash.ShouldNotBe(entry.Hash);
    }

    [Fact]
    public void Given_a_scope_with_break_glass_When_drained_Then_phi_entries_are_flagged_with_the_reason()
    {
        var scope = new AuditScope(TimeProvider.System) { ActorId = Guid.NewGuid() };
        var patient = Guid.NewGuid();
        scope.RecordPhiAccess(AuditActions.PhiRead, "PatientClinicalSummary", patient);
        scope.RecordPhiAccess(AuditActions.PhiRead, "PatientClinicalSummary", patient);
        scope.MarkBreakGlass("unconscious in the emergency room");
        scope.Record(AuditActions.SignIn, AuditOutcome.Success);

        var drained = scope.Drain(AuditOutcome.Success);

        drained.Count.ShouldBe(2, "the same record read twice in one request is one access");
        drained[0].BreakGlass.ShouldBeTrue();
        drained[0].Reason.ShouldBe("unconscious in the emergency room");
        drained[1].BreakGlass.ShouldBeFalse();
    }

    [Fact]
    public void Given_a_write_recorded_mid_request_Then_it_carries_the_actor_known_at_that_moment()
    {
        var actor = Guid.NewGuid();
        var scope = new AuditScope(TimeProvider.System) { ActorSource = () => (actor, "Doctor") };

        var write = scope.PhiWrite(AuditActions.PhiUpdate, "PatientDemographics", Guid.NewGuid());

        write.ActorId.ShouldBe(actor);
        write.ActorDisplay.ShouldBe("Doctor");
        write.Outcome.ShouldBe(AuditOutcome.Success);
    }

    [Fact]
    public void Given_an_unsealed_entry_When_sealed_after_another_Then_it_links_to_it_and_verifies()
    {
        var first = AuditEntry.Append(1, AuditEntry.GenesisHash, Record());
        var entry = AuditEntry.Unsealed(Record());
        entry.IsSealed.ShouldBeFalse();

        entry.Seal(2, first.Hash!);

        entry.Sequence.ShouldBe(2);
        entry.PreviousHash.ShouldBe(first.Hash);
        entry.ComputeHash().ShouldBe(entry.Hash);
    }
}
