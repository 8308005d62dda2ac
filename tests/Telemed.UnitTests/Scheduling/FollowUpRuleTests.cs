using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Scheduling.Appointments.FollowUp;

namespace Telemed.UnitTests.Scheduling;

/// <summary>A doctor books a follow-up only for a patient in their care (issue 11, doctor: "book a follow-up").</summary>
public sealed class FollowUpRuleTests
{
    [Fact]
    public void A_current_care_relationship_allows_booking_a_follow_up() =>
        FollowUpRules.ADoctorBooksAFollowUpOnlyForAPatientInTheirCare(new CareAccessDecision(true, false, null)).ShouldBeNull();

    [Fact]
    public void No_care_relationship_answers_as_if_the_patient_did_not_exist() =>
        FollowUpRules.ADoctorBooksAFollowUpOnlyForAPatientInTheirCare(CareAccessDecision.Denied)!.Code.ShouldBe("scheduling.patient_not_found");

    [Fact]
    public void Break_glass_access_is_for_reading_in_an_emergency_not_for_booking() =>
        FollowUpRules.ADoctorBooksAFollowUpOnlyForAPatientInTheirCare(new CareAccessDecision(true, true, "Unconscious patient in the ER"))!
            .Code.ShouldBe("scheduling.patient_not_found");
}
