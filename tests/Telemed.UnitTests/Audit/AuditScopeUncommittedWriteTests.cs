using Telemed.BuildingBlocks.Auditing;

namespace Telemed.UnitTests.Audit;

/// <summary>
/// The unit of work's guard against a success that never happened: a success recorded ahead of a save that then failed, or whose
/// transaction rolled back, is written as a failure; what a committed save confirmed, and reads and refusals, are written as recorded.
/// </summary>
public sealed class AuditScopeUncommittedWriteTests
{
    private static readonly Guid Transaction = Guid.NewGuid();

    [Fact]
    public async Task A_success_carried_by_a_save_that_failed_is_written_as_a_failure()
    {
        var scope = new AuditScope(TimeProvider.System);
        scope.Record("claim.status_changed", AuditOutcome.Success, "InsuranceClaim", "c1", "accepted");
        var carried = scope.Drain();

        scope.Requeue(carried);

        var entry = (await WrittenAsync(scope)).ShouldHaveSingleItem();
        entry.Outcome.ShouldBe(AuditOutcome.Failure);
        entry.Reason.ShouldBe($"{AuditScope.NotCommittedReason}: accepted");
        entry.RecordId.ShouldBe("c1");
    }

    [Fact]
    public async Task A_success_still_pending_when_a_save_failed_is_written_as_a_failure()
    {
        var scope = new AuditScope(TimeProvider.System);
        scope.Record("feedback.review_hidden", AuditOutcome.Success, "Review", "r1");

        scope.Requeue([]);

        var entry = (await WrittenAsync(scope)).ShouldHaveSingleItem();
        entry.Outcome.ShouldBe(AuditOutcome.Failure);
        entry.Reason.ShouldBe(AuditScope.NotCommittedReason);
    }

    [Fact]
    public async Task Reads_and_refusals_recorded_before_a_failed_save_are_written_as_recorded()
    {
        var scope = new AuditScope(TimeProvider.System);
        scope.RecordPhiAccess(AuditActions.PhiRead, "Prescription", Guid.NewGuid());
        scope.Record(AuditActions.AccessDenied, AuditOutcome.Denied, "Prescription", "p1", "not the patient");
        var carried = scope.Drain();

        scope.Requeue(carried);

        var written = await WrittenAsync(scope);
        written.Select(e => e.Outcome).ShouldBe([AuditOutcome.Success, AuditOutcome.Denied]);
        written.ShouldAllBe(e => e.Reason == null || !e.Reason.StartsWith(AuditScope.NotCommittedReason));
    }

    [Fact]
    public async Task A_success_a_committed_save_confirmed_stays_a_success_when_a_later_save_fails()
    {
        var scope = new AuditScope(TimeProvider.System);
        scope.Record("availability.updated", AuditOutcome.Success, "DoctorAvailability", "d1");
        scope.Settled();
        scope.Record("appointment.cancelled", AuditOutcome.Success, "Appointment", "a1");

        scope.Requeue([]);

        var written = await WrittenAsync(scope);
        written.Select(e => (e.Action, e.Outcome)).ShouldBe([("availability.updated", AuditOutcome.Success), ("appointment.cancelled", AuditOutcome.Failure)]);
    }

    [Fact]
    public async Task A_callers_transaction_that_a_save_joined_decides_the_pending_successes_when_it_ends()
    {
        var rolledBack = new AuditScope(TimeProvider.System);
        rolledBack.Record("pharmacy.prescription_dispensed", AuditOutcome.Success, "Prescription", "rx");
        rolledBack.Carry(Transaction, []);
        rolledBack.NotCommitted(Transaction);
        (await WrittenAsync(rolledBack)).ShouldHaveSingleItem().Outcome.ShouldBe(AuditOutcome.Failure);

        var committed = new AuditScope(TimeProvider.System);
        committed.Record("pharmacy.prescription_dispensed", AuditOutcome.Success, "Prescription", "rx");
        committed.Carry(Transaction, []);
        committed.Committed(Transaction);
        committed.Requeue([]);
        (await WrittenAsync(committed)).ShouldHaveSingleItem().Outcome.ShouldBe(AuditOutcome.Success);
    }

    [Fact]
    public async Task A_transaction_no_save_of_the_unit_of_work_joined_decides_nothing()
    {
        var scope = new AuditScope(TimeProvider.System);
        scope.Record("user.roles_changed", AuditOutcome.Success, "UserAccount", "u1");

        scope.NotCommitted(Guid.NewGuid());

        (await WrittenAsync(scope)).ShouldHaveSingleItem().Outcome.ShouldBe(AuditOutcome.Success);
    }

    [Fact]
    public async Task A_transaction_disposed_uncommitted_at_the_unit_of_works_end_leaves_no_success_of_what_it_carried()
    {
        var scope = new AuditScope(TimeProvider.System);
        scope.Record("claim.status_changed", AuditOutcome.Success, "InsuranceClaim", "c1");
        scope.Carry(Transaction, scope.Drain());

        var entry = (await WrittenAsync(scope)).ShouldHaveSingleItem();
        entry.Outcome.ShouldBe(AuditOutcome.Failure);
    }

    private static async Task<IReadOnlyList<AuditRecord>> WrittenAsync(AuditScope scope)
    {
        var trail = new CapturingTrail();
        await scope.FlushAsync(trail);
        return trail.Written;
    }

    private sealed class CapturingTrail : IAuditTrail
    {
        public List<AuditRecord> Written { get; } = [];

        public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
        {
            Written.AddRange(records);
            return Task.CompletedTask;
        }
    }
}
