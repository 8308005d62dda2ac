using Telemed.BuildingBlocks.Analytics;

namespace Telemed.UnitTests.Analytics;

/// <summary>Which rows a roll-up refresher rebuilds for the marks it took (docs/analytics.md, "Roll-ups").</summary>
public sealed class RollupDayTests
{
    private static readonly DateOnly Monday = new(2026, 12, 7);
    private static readonly Guid DoctorA = Guid.NewGuid();
    private static readonly Guid DoctorB = Guid.NewGuid();

    [Fact]
    public void Marks_that_name_doctors_rebuild_only_those_doctors_of_their_day_each_once()
    {
        var work = RollupDay.Of([
            new RollupMark { Day = Monday.AddDays(1), Scope = DoctorB },
            new RollupMark { Day = Monday, Scope = DoctorA },
            new RollupMark { Day = Monday, Scope = DoctorB },
            new RollupMark { Day = Monday, Scope = DoctorA },
        ]);

        work.Select(w => w.Day).ShouldBe([Monday, Monday.AddDays(1)]);
        work[0].Scopes!.ShouldBe([DoctorA, DoctorB], ignoreOrder: true);
        work[1].Scopes!.ShouldBe([DoctorB]);
    }

    [Fact]
    public void A_mark_without_a_scope_rebuilds_its_whole_day_whatever_else_is_marked_that_day()
    {
        var work = RollupDay.Of([
            new RollupMark { Day = Monday, Scope = DoctorA },
            new RollupMark { Day = Monday },
            new RollupMark { Day = Monday.AddDays(2), Scope = DoctorB },
        ]);

        work[0].Scopes.ShouldBeNull();
        work[1].Scopes!.ShouldBe([DoctorB]);
    }
}
