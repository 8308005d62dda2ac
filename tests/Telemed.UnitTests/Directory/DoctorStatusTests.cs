using Telemed.Modules.Directory.Doctors;

namespace Telemed.UnitTests.Directory;

public sealed class DoctorStatusTests
{
    private static DoctorProfile Pending() => new() { DisplayName = "Dr Test" };

    [Fact]
    public void Given_a_pending_doctor_When_activated_then_suspended_and_reactivated_Then_each_step_succeeds()
    {
        var doctor = Pending();
        doctor.ChangeStatus(DoctorStatus.Active).IsSuccess.ShouldBeTrue();
        doctor.ChangeStatus(DoctorStatus.Suspended).IsSuccess.ShouldBeTrue();
        doctor.ChangeStatus(DoctorStatus.Active).IsSuccess.ShouldBeTrue();
        doctor.Status.ShouldBe(DoctorStatus.Active);
    }

    [Fact]
    public void Given_an_active_doctor_When_sent_back_to_pending_Then_the_transition_is_refused()
    {
        var doctor = Pending();
        doctor.ChangeStatus(DoctorStatus.Active);

        var result = doctor.ChangeStatus(DoctorStatus.PendingVerification);

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe("directory.invalid_status_transition");
        doctor.Status.ShouldBe(DoctorStatus.Active);
    }
}
