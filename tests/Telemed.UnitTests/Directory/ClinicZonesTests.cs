using Telemed.Modules.Directory.Contracts;

namespace Telemed.UnitTests.Directory;

/// <summary>The local date of an instant at a clinic, as the analytics roll-ups file it (docs/analytics.md, "Roll-ups").</summary>
public sealed class ClinicZonesTests
{
    private static readonly Guid Moscow = Guid.NewGuid();
    private static readonly ClinicZones Zones = ClinicZones.Of([new ClinicSummary(Moscow, "Moscow", "Moscow", "Europe/Moscow")]);

    private static readonly DateTime LateEveningUtc = new(2026, 11, 30, 22, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Given_a_clinic_ahead_of_UTC_Then_a_late_evening_UTC_instant_falls_on_its_next_day() =>
        Zones.LocalDate(Moscow, LateEveningUtc).ShouldBe(new DateOnly(2026, 12, 1));

    [Fact]
    public void Given_no_clinic_or_an_unknown_one_Then_the_date_is_the_UTC_date()
    {
        Zones.LocalDate(null, LateEveningUtc).ShouldBe(new DateOnly(2026, 11, 30));
        Zones.LocalDate(Guid.NewGuid(), LateEveningUtc).ShouldBe(new DateOnly(2026, 11, 30));
    }

    [Fact]
    public void Given_a_clinic_whose_stored_zone_is_unknown_Then_it_is_never_read_as_UTC() =>
        Should.Throw<InvalidOperationException>(() => ClinicZones.Of([new ClinicSummary(Guid.NewGuid(), "Nowhere", "Nowhere", "Mars/Olympus_Mons")]))
            .Message.ShouldContain("Mars/Olympus_Mons");
}
