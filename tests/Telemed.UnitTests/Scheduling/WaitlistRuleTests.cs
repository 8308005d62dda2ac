using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Scheduling.Availability;
using Telemed.Modules.Scheduling.Waitlist;

namespace Telemed.UnitTests.Scheduling;

/// <summary>When a booking satisfies a waitlist entry, and the transitions of entries and offers with their guards.</summary>
public sealed class WaitlistRuleTests
{
    private static readonly Guid Doctor = Guid.NewGuid();
    private static readonly DateOnly Day = new(2026, 12, 10);
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static WaitlistEntry ForDoctor() => new() { PatientId = Guid.NewGuid(), DoctorId = Doctor, Kind = AppointmentKind.Video, From = Day, To = Day.AddDays(3) };

    private static WaitlistEntry ForSpecialty() => new() { PatientId = Guid.NewGuid(), Specialty = "Cardiology", Kind = AppointmentKind.Video, From = Day, To = Day };

    private static FreedTime Time => new(Doctor, Guid.NewGuid(), AppointmentKind.Video, Now.AddDays(9), Now.AddDays(9).AddMinutes(30), Now.AddDays(9),
        Now.AddDays(9).AddMinutes(30));

    [Theory]
    [InlineData(0, AppointmentKind.Video, "Satisfied")]
    [InlineData(3, AppointmentKind.Video, "Satisfied")]
    [InlineData(1, AppointmentKind.InPerson, "DifferentKind")]
    [InlineData(-1, AppointmentKind.Video, "EarlierThanWanted")]
    [InlineData(4, AppointmentKind.Video, "LaterThanWanted")]
    public void A_booking_with_the_same_doctor_satisfies_the_entry_only_with_the_same_kind_within_its_dates(int dayOffset, AppointmentKind kind, string expected) =>
        ForDoctor().Match(new WaitlistBooking(Doctor, [], kind, Day.AddDays(dayOffset))).ToString().ShouldBe(expected);

    [Fact]
    public void A_booking_with_another_doctor_is_unrelated_to_an_entry_for_a_doctor() =>
        ForDoctor().Match(new WaitlistBooking(Guid.NewGuid(), ["Cardiology"], AppointmentKind.Video, Day)).ShouldBe(WaitlistMatch.Unrelated);

    [Fact]
    public void A_booking_with_any_doctor_of_the_specialty_satisfies_an_entry_for_the_specialty()
    {
        ForSpecialty().Match(new WaitlistBooking(Guid.NewGuid(), ["Therapy", "cardiology"], AppointmentKind.Video, Day)).ShouldBe(WaitlistMatch.Satisfied);
        ForSpecialty().Match(new WaitlistBooking(Guid.NewGuid(), ["Therapy"], AppointmentKind.Video, Day)).ShouldBe(WaitlistMatch.Unrelated);
    }

    [Fact]
    public void A_closed_entry_takes_no_offers_and_cannot_be_closed_again()
    {
        var entry = ForDoctor();
        var appointment = Guid.NewGuid();
        entry.Close(appointment).IsSuccess.ShouldBeTrue();
        (entry.Status, entry.ClosedByAppointmentId).ShouldBe((WaitlistStatus.Booked, (Guid?)appointment));
        entry.Close(Guid.NewGuid()).Error!.Code.ShouldBe("scheduling.waitlist_closed");
        entry.Offer(Time, Now.AddMinutes(30), Now).Error!.Code.ShouldBe("scheduling.waitlist_closed");
    }

    [Fact]
    public void An_entry_that_was_left_takes_no_offers()
    {
        var entry = ForDoctor();
        entry.Leave();
        entry.Offer(Time, Now.AddMinutes(30), Now).IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public void An_offer_can_be_accepted_only_while_it_is_held()
    {
        var offer = ForDoctor().Offer(Time, Now.AddMinutes(30), Now).Value;
        offer.Accept(Guid.NewGuid(), Now.AddMinutes(30)).Error!.Code.ShouldBe("scheduling.offer_expired");
        var appointment = Guid.NewGuid();
        offer.Accept(appointment, Now.AddMinutes(29)).IsSuccess.ShouldBeTrue();
        (offer.Status, offer.AppointmentId).ShouldBe((OfferStatus.Accepted, (Guid?)appointment));
        offer.Decline().IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public void An_offer_expires_only_once_its_hold_has_run_out()
    {
        var offer = ForDoctor().Offer(Time, Now.AddMinutes(30), Now).Value;
        offer.Expire(Now.AddMinutes(29)).IsSuccess.ShouldBeFalse();
        offer.Expire(Now.AddMinutes(30)).IsSuccess.ShouldBeTrue();
        offer.Status.ShouldBe(OfferStatus.Expired);
        offer.Accept(Guid.NewGuid(), Now).IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public void A_declined_offer_cannot_be_declined_again()
    {
        var offer = ForDoctor().Offer(Time, Now.AddMinutes(30), Now).Value;
        offer.Decline().IsSuccess.ShouldBeTrue();
        offer.Decline().IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public void Withdrawing_a_held_offer_raises_the_event_that_passes_its_time_on()
    {
        var offer = ForDoctor().Offer(Time, Now.AddMinutes(30), Now).Value;
        offer.Withdraw().IsSuccess.ShouldBeTrue();
        var withdrawn = offer.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<WaitlistOfferWithdrawn>();
        (withdrawn.OfferId, withdrawn.Start, withdrawn.Kind).ShouldBe((offer.Id, offer.Start, "video"));
        offer.Withdraw().IsSuccess.ShouldBeFalse();
        offer.DomainEvents.Count.ShouldBe(1);
    }

    [Fact]
    public void A_patient_waits_once_for_the_same_doctor_kind_and_dates()
    {
        var patient = Guid.NewGuid();
        var waiting = new WaitlistEntry { PatientId = patient, DoctorId = Doctor, Kind = AppointmentKind.Video, From = Day, To = Day.AddDays(3) };
        new WaitlistEntry { PatientId = patient, DoctorId = Doctor, Kind = AppointmentKind.Video, From = Day.AddDays(3), To = Day.AddDays(5) }
            .DuplicatesAWaitingEntry(waiting).ShouldBeTrue();
        new WaitlistEntry { PatientId = patient, DoctorId = Doctor, Kind = AppointmentKind.Video, From = Day.AddDays(4), To = Day.AddDays(5) }
            .DuplicatesAWaitingEntry(waiting).ShouldBeFalse();
        new WaitlistEntry { PatientId = patient, DoctorId = Doctor, Kind = AppointmentKind.Chat, From = Day, To = Day }
            .DuplicatesAWaitingEntry(waiting).ShouldBeFalse();
        new WaitlistEntry { PatientId = patient, Specialty = "Cardiology", Kind = AppointmentKind.Video, From = Day, To = Day }
            .DuplicatesAWaitingEntry(waiting).ShouldBeFalse();
        new WaitlistEntry { PatientId = patient, Specialty = "cardiology", Kind = AppointmentKind.Video, From = Day, To = Day }
            .DuplicatesAWaitingEntry(new WaitlistEntry { PatientId = patient, Specialty = "Cardiology", Kind = AppointmentKind.Video, From = Day, To = Day })
            .ShouldBeTrue();
    }
}
