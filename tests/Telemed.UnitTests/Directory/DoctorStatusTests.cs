using Telemed.Modules.Directory.Doctors;

namespace Telemed.UnitTests.Directory;

public sealed class DoctorStatusTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    internal static DoctorProfile Complete()
    {
        var doctor = new DoctorProfile { DisplayName = "Dr Test", HourlyRateMinor = 300000 };
        doctor.SetSpecialties(["cardiology"]);
        doctor.SetClinics([Guid.NewGuid()]);
        doctor.RecordLicence("LO-77-1", "Health Department", Today.AddYears(1));
        doctor.VerifyLicence(Guid.NewGuid(), new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc));
        return doctor;
    }

    [Fact]
    public void Given_a_pending_doctor_with_a_complete_profile_When_activated_then_suspended_and_reactivated_Then_each_step_succeeds()
    {
        var doctor = Complete();
        doctor.ChangeStatus(DoctorStatus.Active, Today).IsSuccess.ShouldBeTrue();
        doctor.ChangeStatus(DoctorStatus.Suspended, Today).IsSuccess.ShouldBeTrue();
        doctor.ChangeStatus(DoctorStatus.Active, Today).IsSuccess.ShouldBeTrue();
        doctor.Status.ShouldBe(DoctorStatus.Active);
    }

    [Fact]
    public void Given_an_active_doctor_When_sent_back_to_pending_Then_the_transition_is_refused()
    {
        var doctor = Complete();
        doctor.ChangeStatus(DoctorStatus.Active, Today);

        var result = doctor.ChangeStatus(DoctorStatus.PendingVerification, Today);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe("directory.invalid_status_transition");
        doctor.Status.ShouldBe(DoctorStatus.Active);
    }

    [Fact]
    public void Given_an_empty_invited_doctor_When_activated_Then_it_stays_pending_and_the_422_lists_everything_missing()
    {
        var doctor = new DoctorProfile { DisplayName = "Dr Empty" };

        var result = doctor.ChangeStatus(DoctorStatus.Active, Today);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe("directory.profile_incomplete");
        result.Error.Kind.ShouldBe(Telemed.BuildingBlocks.Results.ErrorKind.Unprocessable);
        result.Error.FieldErrors!["missing"].ShouldBe(["specialty", "clinic", "hourlyRate", "licenceNumber", "licenceVerified"]);
        doctor.Status.ShouldBe(DoctorStatus.PendingVerification);
    }

    [Fact]
    public void Given_a_pending_doctor_When_suspended_Then_no_profile_is_needed()
    {
        var doctor = new DoctorProfile { DisplayName = "Dr Empty" };
        doctor.ChangeStatus(DoctorStatus.Suspended, Today).IsSuccess.ShouldBeTrue();
    }
}

public sealed class ActivationRequiresCompleteProfileTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void Given_a_complete_verified_profile_Then_nothing_is_missing() =>
        ActivationRequiresCompleteProfile.MissingFrom(DoctorStatusTests.Complete(), Today).ShouldBeEmpty();

    [Fact]
    public void Given_a_verified_licence_When_its_number_changes_Then_it_needs_verifying_again()
    {
        var doctor = DoctorStatusTests.Complete();
        doctor.RecordLicence("LO-77-2", "Health Department", Today.AddYears(1));
        ActivationRequiresCompleteProfile.MissingFrom(doctor, Today).ShouldBe(["licenceVerified"]);
    }

    [Fact]
    public void Given_the_same_licence_saved_again_Then_its_verification_stands()
    {
        var doctor = DoctorStatusTests.Complete();
        doctor.RecordLicence(" LO-77-1 ", "Health Department", Today.AddYears(1));
        doctor.LicenceVerifiedAt.ShouldNotBeNull();
    }

    [Fact]
    public void Given_a_licence_that_expired_yesterday_Then_activation_is_refused_but_it_is_valid_on_its_last_day()
    {
        var doctor = DoctorStatusTests.Complete();
        doctor.RecordLicence("LO-77-1", "Health Department", Today);
        doctor.VerifyLicence(Guid.NewGuid(), DateTime.UtcNow);
        ActivationRequiresCompleteProfile.MissingFrom(doctor, Today).ShouldBeEmpty();
        ActivationRequiresCompleteProfile.MissingFrom(doctor, Today.AddDays(1)).ShouldBe(["licenceExpired"]);
    }

    [Fact]
    public void Given_a_zero_rate_Then_the_rate_is_missing()
    {
        var doctor = DoctorStatusTests.Complete();
        doctor.HourlyRateMinor = 0;
        ActivationRequiresCompleteProfile.MissingFrom(doctor, Today).ShouldBe(["hourlyRate"]);
    }

    [Fact]
    public void Given_no_licence_recorded_When_verified_Then_it_is_refused()
    {
        var doctor = new DoctorProfile { DisplayName = "Dr Empty" };
        doctor.VerifyLicence(Guid.NewGuid(), DateTime.UtcNow).Error!.Code.ShouldBe("directory.licence_missing");
    }
}
