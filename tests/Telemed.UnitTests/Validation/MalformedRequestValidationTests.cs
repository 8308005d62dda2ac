using Telemed.Modules.Scheduling.Contracts;
using FluentValidation;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Doctors;
using Telemed.Modules.Directory.Patients;
using Telemed.Modules.Identity.Administration;
using Telemed.Modules.Identity.Mfa;
using Telemed.Modules.Identity.Registration;
using Telemed.Modules.Scheduling.Appointments;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.ClinicRules;
using Telemed.Modules.Scheduling.Waitlist;

namespace Telemed.UnitTests.Validation;

/// <summary>
/// Clients may omit any member or send it as null whatever the DTO says: validators answer "invalid",
/// they never throw (the host would answer 500). Runs without the host's global stop-on-first-failure,
/// so each validator is safe on its own.
/// </summary>
public sealed class MalformedRequestValidationTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private static void ShouldBeInvalidWithoutThrowing<T>(IValidator<T> validator, T request, string? field = null)
    {
        var result = validator.Validate(request);
        result.IsValid.ShouldBeFalse();
        if (field is not null)
        {
            result.Errors.ShouldContain(e => e.PropertyName.StartsWith(field, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Given_empty_objects_to_break_glass_profile_policy_and_MFA_enrolment_Then_each_is_a_validation_error()
    {
        ShouldBeInvalidWithoutThrowing(new BreakGlassRequestValidator(), new BreakGlassRequest(null!), "reason");
        ShouldBeInvalidWithoutThrowing(new UpdateDoctorProfileRequestValidator(), new UpdateDoctorProfileRequest(null!, null!, null!, null!, 0));
        ShouldBeInvalidWithoutThrowing(new ClinicPolicyViewValidator(), new ClinicPolicyView(0, null!, 0), "reminderOffsetsHours");
        ShouldBeInvalidWithoutThrowing(new MfaEnrolmentConfirmationValidator(), new MfaEnrolmentConfirmation(null!), "code");
        ShouldBeInvalidWithoutThrowing(new TokenBodyValidator(), new TokenBody(null!), "token");
    }

    [Fact]
    public void Given_null_items_inside_lists_Then_the_doctor_profile_and_availability_are_validation_errors()
    {
        ShouldBeInvalidWithoutThrowing(new UpdateDoctorProfileRequestValidator(),
            new UpdateDoctorProfileRequest("Bio", ["en", null!], [null!, new EducationEntry(null!, null!, 2000)], new Money(100, "RUB"), 5), "languages");
        ShouldBeInvalidWithoutThrowing(new UpdateAvailabilityRequestValidator(), new UpdateAvailabilityRequest(null!, null!), "weeklyHours");
        ShouldBeInvalidWithoutThrowing(new UpdateAvailabilityRequestValidator(), new UpdateAvailabilityRequest([null!, new WeeklyRangeView(Guid.NewGuid(), null!, null!, null!)], [null!]));
    }

    [Fact]
    public void Given_an_empty_forgot_password_request_Then_it_is_a_validation_error_not_a_silent_accept()
    {
        ShouldBeInvalidWithoutThrowing(new ForgotPasswordRequestValidator(), new ForgotPasswordRequest(null!), "email");
        new ForgotPasswordRequestValidator().Validate(new ForgotPasswordRequest("someone@example.org")).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Given_a_role_update_Then_each_known_role_may_be_named_once()
    {
        var validator = new ChangeRolesRequestValidator();
        ShouldBeInvalidWithoutThrowing(validator, new ChangeRolesRequest(Enumerable.Repeat("Doctor", 100_000).ToList()), "roles");
        ShouldBeInvalidWithoutThrowing(validator, new ChangeRolesRequest(["Doctor", "Doctor"]), "roles");
        ShouldBeInvalidWithoutThrowing(validator, new ChangeRolesRequest([null!]), "roles");
        ShouldBeInvalidWithoutThrowing(validator, new ChangeRolesRequest(null!), "roles");
        validator.Validate(new ChangeRolesRequest(["Doctor", "Admin"])).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(9999, 12, 31, false)]
    [InlineData(2026, 5, 31, true)]    // yesterday in UTC is still today west of it
    [InlineData(2026, 5, 30, false)]
    [InlineData(2028, 6, 1, true)]
    [InlineData(2028, 6, 3, false)]
    public void Given_an_availability_exception_date_Then_it_lies_between_yesterday_and_two_years_ahead(int year, int month, int day, bool valid)
    {
        NewExceptionRequestValidator.IsWithinPlanningRange(new DateOnly(year, month, day), Today).ShouldBe(valid);
        new NewExceptionRequestValidator(Clock).Validate(new NewExceptionRequest(Guid.NewGuid(), new DateOnly(year, month, day), "dayOff", null, null)).IsValid.ShouldBe(valid);
    }

    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(9999, 12, 1, false)]
    [InlineData(2026, 6, 1, true)]
    [InlineData(2027, 6, 2, true)]
    [InlineData(2027, 6, 3, false)]
    public void Given_a_waitlist_entry_Then_its_wait_starts_within_a_year(int year, int month, int day, bool valid)
    {
        var from = new DateOnly(year, month, day);
        JoinWaitlistRequestValidator.IsWithinWaitingRange(from, Today).ShouldBe(valid);
        new JoinWaitlistRequestValidator(Clock).Validate(new JoinWaitlistRequest(null, "cardiology", AppointmentKind.Video, from, from)).IsValid.ShouldBe(valid);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", false)]
    [InlineData("9999-12-31T23:59:59Z", false)]
    [InlineData("2026-06-15T10:00:00Z", true)]
    public void Given_a_booking_time_Then_it_lies_between_2000_and_2100(string start, bool valid) =>
        BookAppointmentRequestValidator.IsPlausibleStart(DateTime.Parse(start, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal))
            .ShouldBe(valid);

    [Fact]
    public void Given_the_largest_page_number_Then_the_offset_does_not_overflow()
    {
        var page = PageRequest.From(int.MaxValue, int.MaxValue);
        page.PageSize.ShouldBe(PageRequest.MaxPageSize);
        page.Skip.ShouldBeGreaterThanOrEqualTo(0);
        PageRequest.From(int.MinValue, int.MinValue).Skip.ShouldBe(0);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
