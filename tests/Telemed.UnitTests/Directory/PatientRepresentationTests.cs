using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Patients.Dependents;

namespace Telemed.UnitTests.Directory;

/// <summary>
/// Whom a patient's account acts for (<see cref="PatientRepresentation"/>, the one decision every module asks): its own record, a
/// dependant's while the guardian link stands, never anyone else's; a refusal to act for a named patient is in the audit trail.
/// </summary>
public sealed class PatientRepresentationTests
{
    private static readonly Guid Parent = Guid.NewGuid();
    private static readonly Guid ParentsRecord = Guid.NewGuid();
    private static readonly Guid Child = Guid.NewGuid();
    private static readonly Guid Stranger = Guid.NewGuid();

    private readonly Links _links = new();
    private readonly AuditScope _audit = new(TimeProvider.System);
    private readonly PatientRepresentation _representation;

    public PatientRepresentationTests()
    {
        _links.Own[Parent] = ParentsRecord;
        _links.Guardianships.Add((Parent, Child));
        _representation = new PatientRepresentation(_links, _audit);
    }

    [Fact]
    public async Task Given_the_accounts_own_record_Then_it_acts_for_it()
    {
        (await _representation.ActsForAsync(Parent, ParentsRecord)).ShouldBeTrue();
        (await _representation.ActingForAsync(Parent, null)).ShouldBe(ParentsRecord);
        (await _representation.ActingForAsync(Parent, ParentsRecord)).ShouldBe(ParentsRecord);
        _audit.Drain().ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_a_dependant_Then_the_guardian_acts_for_it()
    {
        (await _representation.ActsForAsync(Parent, Child)).ShouldBeTrue();
        (await _representation.ActingForAsync(Parent, Child)).ShouldBe(Child);
        _audit.Drain().ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_someone_elses_patient_Then_no_and_asking_for_it_by_name_is_an_audited_denial()
    {
        (await _representation.ActsForAsync(Parent, Stranger)).ShouldBeFalse();
        _audit.Drain().ShouldBeEmpty();

        (await _representation.ActingForAsync(Parent, Stranger)).ShouldBeNull();
        var denial = _audit.Drain().ShouldHaveSingleItem();
        denial.Action.ShouldBe(AuditActions.AccessDenied);
        denial.Outcome.ShouldBe(AuditOutcome.Denied);
        denial.RecordType.ShouldBe("Patient");
        denial.RecordId.ShouldBe(Stranger.ToString());
        AuditReasons.Read(denial.Reason).ShouldNotBeNull().Code.ShouldBe("not_the_patient_or_a_guardian");
    }

    [Fact]
    public async Task Given_a_former_dependant_whose_guardian_link_was_removed_Then_the_former_guardian_no_longer_acts_for_it()
    {
        (await _representation.ActsForAsync(Parent, Child)).ShouldBeTrue();
        _links.Guardianships.Remove((Parent, Child));

        (await _representation.ActsForAsync(Parent, Child)).ShouldBeFalse();
        (await _representation.ActingForAsync(Parent, Child)).ShouldBeNull();
        _audit.Drain().ShouldHaveSingleItem().RecordId.ShouldBe(Child.ToString());
    }

    [Fact]
    public async Task Given_the_dependant_Then_it_does_not_act_for_its_guardian()
    {
        // The child's own (reserved) account is no guardian of its parent.
        var childsAccount = Guid.NewGuid();
        _links.Own[childsAccount] = Child;

        (await _representation.ActsForAsync(childsAccount, Child)).ShouldBeTrue();
        (await _representation.ActsForAsync(childsAccount, ParentsRecord)).ShouldBeFalse();
    }

    [Fact]
    public async Task Given_an_account_without_a_patient_record_Then_it_acts_for_nobody()
    {
        var staff = Guid.NewGuid();

        (await _representation.ActingForAsync(staff, null)).ShouldBeNull();
        _audit.Drain().ShouldBeEmpty();
        (await _representation.ActsForAsync(staff, ParentsRecord)).ShouldBeFalse();
        (await _representation.ActingForAsync(staff, ParentsRecord)).ShouldBeNull();
        _audit.Drain().ShouldHaveSingleItem().RecordId.ShouldBe(ParentsRecord.ToString());
    }

    [Fact]
    public async Task Given_a_guardian_When_its_lists_ask_whom_they_cover_Then_its_own_record_comes_first_then_the_dependant_named_and_no_one_else()
    {
        var covered = await _representation.RepresentedAsync(Parent);

        covered.ShouldBe(new RepresentedPatient[] { new(ParentsRecord, "Roman Fedorov", true), new(Child, "Masha Fedorova", false) });
        foreach (var patient in covered)
        {
            (await _representation.ActsForAsync(Parent, patient.PatientId)).ShouldBeTrue();
        }

        (await _representation.RepresentedAsync(Stranger)).ShouldBeEmpty();
        _links.Guardianships.Remove((Parent, Child));
        (await _representation.RepresentedAsync(Parent)).Select(p => p.PatientId).ShouldBe(new[] { ParentsRecord });
    }

    private sealed class Links : IPatientLinks
    {
        public Dictionary<Guid, Guid> Own { get; } = [];
        public HashSet<(Guid UserId, Guid PatientId)> Guardianships { get; } = [];

        public Task<Guid?> OwnPatientIdAsync(Guid userId, CancellationToken ct) => Task.FromResult(Own.TryGetValue(userId, out var id) ? id : (Guid?)null);

        public Task<bool> IsGuardianOfAsync(Guid userId, Guid patientId, CancellationToken ct) => Task.FromResult(Guardianships.Contains((userId, patientId)));

        public Task<IReadOnlyList<Guid>> DependantIdsAsync(Guid userId, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<Guid>>([.. Guardianships.Where(g => g.UserId == userId).Select(g => g.PatientId)]);

        public Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken ct) =>
            Task.FromResult<IReadOnlyDictionary<Guid, string>>(patientIds.ToDictionary(id => id, id => id == Child ? "Masha Fedorova" : "Roman Fedorov"));
    }
}
