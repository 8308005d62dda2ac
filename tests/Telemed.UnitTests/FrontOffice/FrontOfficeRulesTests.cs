using Telemed.Modules.FrontOffice;
using Telemed.Modules.FrontOffice.Contracts;
using Telemed.Modules.FrontOffice.Messages;
using Telemed.Modules.FrontOffice.ReviewFlags;

namespace Telemed.UnitTests.FrontOffice;

public sealed class FrontOfficeRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(null, "front_office.empty_message")]
    [InlineData("", "front_office.empty_message")]
    [InlineData("  \n\t ", "front_office.empty_message")]
    [InlineData("Please call us back", null)]
    public void A_message_must_have_text_within_the_limit(string? body, string? expected) =>
        FrontOfficeRules.AMessageMustHaveTextWithinTheLimit(body)?.Code.ShouldBe(expected);

    [Fact]
    public void A_message_one_character_over_the_limit_is_refused()
    {
        FrontOfficeRules.AMessageMustHaveTextWithinTheLimit(new string('a', FrontOfficeRules.MaxMessageLength)).ShouldBeNull();
        FrontOfficeRules.AMessageMustHaveTextWithinTheLimit(new string('a', FrontOfficeRules.MaxMessageLength + 1))!.Code.ShouldBe("front_office.message_too_long");
    }

    [Theory]
    [InlineData("2026-11-30", null)]
    [InlineData("2026-12-01", "front_office.birth_date_in_the_future")]
    [InlineData("1901-11-30", null)]
    [InlineData("1901-11-29", "front_office.birth_date_implausible")]
    public void A_patient_is_born_in_the_plausible_past(string born, string? expected) =>
        FrontOfficeRules.APatientIsBornInThePlausiblePast(DateOnly.Parse(born), new DateOnly(2026, 11, 30))?.Code.ShouldBe(expected);

    [Fact]
    public void Only_the_addressed_doctor_resolves_an_open_flag_and_only_once()
    {
        var doctor = Guid.NewGuid();
        var flag = ReviewFlag.Raise(Guid.NewGuid(), doctor, Guid.NewGuid(), "Outside ECG", Now).Value;
        flag.Resolve(Guid.NewGuid(), "not mine", Now).Error!.Code.ShouldBe("front_office.flag_not_found");
        flag.ResolvedAt.ShouldBeNull();
        flag.Resolve(doctor, "Reviewed", Now).IsSuccess.ShouldBeTrue();
        flag.ResolvedAt.ShouldBe(Now);
        flag.Resolve(doctor, "again", Now.AddMinutes(1)).Error!.Code.ShouldBe("front_office.flag_already_resolved");
        flag.ResolutionNote.ShouldBe("Reviewed");
    }

    [Fact]
    public void A_written_message_raises_its_event_and_is_read_only_by_the_other_party()
    {
        var message = ClinicMessage.Write(Guid.NewGuid(), Guid.NewGuid(), ClinicMessageAuthor.Clinic, Guid.NewGuid(), "  Bring your results  ", Now).Value;
        message.Body.ShouldBe("Bring your results");
        message.DomainEvents.OfType<ClinicMessageSent>().Single().Author.ShouldBe(ClinicMessageAuthor.Clinic);
        message.MarkReadBy(ClinicMessageAuthor.Clinic, Now);
        message.ReadAt.ShouldBeNull();
        message.MarkReadBy(ClinicMessageAuthor.Patient, Now.AddMinutes(5));
        message.ReadAt.ShouldBe(Now.AddMinutes(5));
        message.MarkReadBy(ClinicMessageAuthor.Patient, Now.AddMinutes(9));
        message.ReadAt.ShouldBe(Now.AddMinutes(5));
    }
}
