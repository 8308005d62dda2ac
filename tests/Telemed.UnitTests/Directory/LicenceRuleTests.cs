using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Doctors;

namespace Telemed.UnitTests.Directory;

public sealed class DoctorPractisesOnlyWhileLicensedTests
{
    private static readonly DateOnly LastDay = new(2026, 12, 31);

    private static DoctorSummary Doctor(bool active = true, DateOnly? expires = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "Dr", [], [], new Money(0, "RUB"), [], active, LicenceExpiresOn: expires);

    [Fact]
    public void Given_a_licence_Then_it_covers_every_day_up_to_and_including_its_last_day_and_none_after()
    {
        DoctorPractisesOnlyWhileLicensed.Covers(LastDay, LastDay.AddDays(-30)).ShouldBeTrue();
        DoctorPractisesOnlyWhileLicensed.Covers(LastDay, LastDay).ShouldBeTrue();
        DoctorPractisesOnlyWhileLicensed.Covers(LastDay, LastDay.AddDays(1)).ShouldBeFalse();
        DoctorPractisesOnlyWhileLicensed.Covers(null, LastDay.AddYears(5)).ShouldBeTrue();
    }

    [Fact]
    public void Given_a_doctor_Then_they_practise_only_while_active_and_licensed()
    {
        DoctorPractisesOnlyWhileLicensed.On(Doctor(expires: LastDay), LastDay).ShouldBeTrue();
        DoctorPractisesOnlyWhileLicensed.On(Doctor(expires: LastDay), LastDay.AddDays(1)).ShouldBeFalse();
        DoctorPractisesOnlyWhileLicensed.On(Doctor(active: false, expires: LastDay), LastDay).ShouldBeFalse();
    }
}

public sealed class AnActiveDoctorCannotBeGivenAnExpiredLicenceTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void Given_an_active_doctor_When_the_licence_saved_ended_yesterday_Then_it_is_refused_with_a_stable_code()
    {
        var doctor = DoctorStatusTests.Complete();
        doctor.ChangeStatus(DoctorStatus.Active, Today).IsSuccess.ShouldBeTrue();

        var refused = AnActiveDoctorCannotBeGivenAnExpiredLicence.Check(doctor, Today.AddDays(-1), Today);

        refused.ShouldNotBeNull();
        refused.Code.ShouldBe("directory.licence_expired");
        refused.Kind.ShouldBe(Telemed.BuildingBlocks.Results.ErrorKind.Unprocessable);
    }

    [Fact]
    public void Given_an_active_doctor_When_the_licence_saved_ends_today_or_later_Then_it_is_allowed()
    {
        var doctor = DoctorStatusTests.Complete();
        doctor.ChangeStatus(DoctorStatus.Active, Today);

        AnActiveDoctorCannotBeGivenAnExpiredLicence.Check(doctor, Today, Today).ShouldBeNull();
        AnActiveDoctorCannotBeGivenAnExpiredLicence.Check(doctor, Today.AddYears(5), Today).ShouldBeNull();
    }

    [Fact]
    public void Given_a_pending_or_suspended_doctor_When_an_expired_licence_is_saved_Then_it_is_allowed_and_activation_stops_it()
    {
        var pending = DoctorStatusTests.Complete();
        AnActiveDoctorCannotBeGivenAnExpiredLicence.Check(pending, Today.AddDays(-1), Today).ShouldBeNull();

        var suspended = DoctorStatusTests.Complete();
        suspended.ChangeStatus(DoctorStatus.Suspended, Today);
        AnActiveDoctorCannotBeGivenAnExpiredLicence.Check(suspended, Today.AddDays(-1), Today).ShouldBeNull();
        suspended.RecordLicence("LO-77-1", "Health Department", Today.AddDays(-1));
        suspended.VerifyLicence(Guid.NewGuid(), new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc));
        suspended.ChangeStatus(DoctorStatus.Active, Today).Error!.FieldErrors!["missing"].ShouldBe(["licenceExpired"]);
    }
}

public sealed class DoctorsTodayTests
{
    [Fact]
    public void Given_clinics_in_several_zones_Then_today_is_the_earliest_local_date_among_them()
    {
        // 2026-12-01 02:00 UTC: already 1 December in Moscow, still 30 November in New York.
        var now = new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
        DoctorsToday.Of(["Europe/Moscow"], now).ShouldBe(new DateOnly(2026, 12, 1));
        DoctorsToday.Of(["Europe/Moscow", "America/New_York"], now).ShouldBe(new DateOnly(2026, 11, 30));
    }

    [Fact]
    public void Given_no_clinic_Then_today_is_the_UTC_date_and_an_unknown_stored_zone_is_never_read_as_UTC()
    {
        var now = new DateTime(2026, 12, 1, 23, 30, 0, DateTimeKind.Utc);
        DoctorsToday.Of([], now).ShouldBe(new DateOnly(2026, 12, 1));
        Should.Throw<InvalidOperationException>(() => DoctorsToday.Of(["Mars/Olympus"], now)).Message.ShouldContain("Mars/Olympus");
    }
}

public sealed class AnActiveDoctorHoldsOnlyAVerifiedLicenceTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DateTime Now = new(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc);

    private static DoctorProfile Active()
    {
        var doctor = DoctorStatusTests.Complete();
        doctor.ChangeStatus(DoctorStatus.Active, Today).IsSuccess.ShouldBeTrue();
        return doctor;
    }

    [Fact]
    public void Given_an_active_doctor_When_a_renewed_licence_is_saved_without_verifying_it_Then_it_is_refused_with_a_stable_code_and_recording_it_throws()
    {
        var doctor = Active();

        var refused = AnActiveDoctorHoldsOnlyAVerifiedLicence.Check(doctor, "LO-77-2", "Health Department", Today.AddYears(5), verifiedNow: false);

        refused.ShouldNotBeNull();
        refused.Code.ShouldBe("directory.licence_verification_required");
        refused.Kind.ShouldBe(Telemed.BuildingBlocks.Results.ErrorKind.Unprocessable);
        Should.Throw<InvalidOperationException>(() => doctor.RecordLicence("LO-77-2", "Health Department", Today.AddYears(5)));
        doctor.LicenceNumber.ShouldBe("LO-77-1");
        doctor.LicenceVerifiedAt.ShouldNotBeNull();
    }

    [Fact]
    public void Given_an_active_doctor_When_a_renewed_licence_is_saved_and_verified_in_the_same_act_Then_it_is_recorded_as_verified_by_that_admin()
    {
        var doctor = Active();
        var admin = Guid.NewGuid();

        AnActiveDoctorHoldsOnlyAVerifiedLicence.Check(doctor, "LO-77-2", "Health Department", Today.AddYears(5), verifiedNow: true).ShouldBeNull();
        doctor.RecordLicence("LO-77-2", "Health Department", Today.AddYears(5), (admin, Now));

        doctor.LicenceNumber.ShouldBe("LO-77-2");
        doctor.LicenceExpiresOn.ShouldBe(Today.AddYears(5));
        doctor.LicenceVerifiedAt.ShouldBe(Now);
        doctor.LicenceVerifiedBy.ShouldBe(admin);
        doctor.Status.ShouldBe(DoctorStatus.Active);
    }

    [Fact]
    public void Given_an_active_doctor_When_the_same_licence_is_saved_again_Then_it_is_allowed_and_stays_verified()
    {
        var doctor = Active();
        AnActiveDoctorHoldsOnlyAVerifiedLicence.Check(doctor, " LO-77-1 ", "Health Department", Today.AddYears(1), verifiedNow: false).ShouldBeNull();
        doctor.RecordLicence(" LO-77-1 ", "Health Department", Today.AddYears(1));
        doctor.LicenceVerifiedAt.ShouldNotBeNull();
    }

    [Fact]
    public void Given_a_pending_or_suspended_doctor_When_a_changed_licence_is_saved_unverified_Then_it_is_allowed_and_activation_asks_for_the_verification()
    {
        var pending = DoctorStatusTests.Complete();
        AnActiveDoctorHoldsOnlyAVerifiedLicence.Check(pending, "LO-77-2", "Health Department", Today.AddYears(5), verifiedNow: false).ShouldBeNull();

        var suspended = Active();
        suspended.ChangeStatus(DoctorStatus.Suspended, Today);
        suspended.RecordLicence("LO-77-2", "Health Department", Today.AddYears(5));
        suspended.LicenceVerifiedAt.ShouldBeNull();
        suspended.ChangeStatus(DoctorStatus.Active, Today).Error!.FieldErrors!["missing"].ShouldBe(["licenceVerified"]);
    }
}
