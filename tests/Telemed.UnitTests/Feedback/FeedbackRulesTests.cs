using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Feedback.Reviews;

namespace Telemed.UnitTests.Feedback;

/// <summary>The review rules, one test each (docs/feedback.md).</summary>
public sealed class FeedbackRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static ConsultationRecord Visit(string status, Guid? doctorUserId = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), doctorUserId ?? Guid.NewGuid(), null, null, ConsultationKind.Video, status, Now.AddHours(-1), Now, "", "", "routine");

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    [InlineData(-1, false)]
    public void Stars_are_one_to_five(int stars, bool allowed) => StarsAreOneToFive.Allows(stars).ShouldBe(allowed);

    [Theory]
    [InlineData(null, true)]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    [InlineData(-1, false)]
    public void Nps_is_zero_to_ten_or_skipped(int? nps, bool allowed) => NpsIsZeroToTen.Allows(nps).ShouldBe(allowed);

    [Fact]
    public void A_review_needs_a_completed_visit_of_the_patient()
    {
        ReviewNeedsACompletedVisitOfThePatient.Check(Visit("completed"), isPatientOrGuardian: true).ShouldBeNull();
        ReviewNeedsACompletedVisitOfThePatient.Check(Visit("completed"), isPatientOrGuardian: false)!.Code.ShouldBe("feedback.consultation_not_found");
        ReviewNeedsACompletedVisitOfThePatient.Check(null, isPatientOrGuardian: true)!.Code.ShouldBe("feedback.consultation_not_found");
        ReviewNeedsACompletedVisitOfThePatient.Check(Visit("inProgress"), isPatientOrGuardian: true)!.Code.ShouldBe("feedback.visit_not_completed");
        ReviewNeedsACompletedVisitOfThePatient.Check(Visit("failed"), isPatientOrGuardian: true)!.Code.ShouldBe("feedback.visit_not_completed");
        // A stranger learns nothing, not even that the visit is unfinished.
        ReviewNeedsACompletedVisitOfThePatient.Check(Visit("inProgress"), isPatientOrGuardian: false)!.Code.ShouldBe("feedback.consultation_not_found");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(89, true)]
    [InlineData(90, true)]
    [InlineData(91, false)]
    public void A_review_can_be_left_within_n_days_of_the_visit(int daysAgo, bool allowed) =>
        ReviewCanBeLeftWithinNDaysOfTheVisit.Allows(Now.AddDays(-daysAgo), null, Now, ReviewCanBeLeftWithinNDaysOfTheVisit.DefaultDays).ShouldBe(allowed);

    [Fact]
    public void The_window_counts_from_the_start_when_the_end_is_missing_and_allows_a_visit_with_neither()
    {
        ReviewCanBeLeftWithinNDaysOfTheVisit.Allows(null, Now.AddDays(-10), Now, 7).ShouldBeFalse();
        ReviewCanBeLeftWithinNDaysOfTheVisit.Allows(null, null, Now, 7).ShouldBeTrue();
        ReviewCanBeLeftWithinNDaysOfTheVisit.Allows(Now.AddDays(-10), Now.AddDays(-11), Now, 30).ShouldBeTrue();
    }

    [Theory]
    [InlineData(0, 0L, null)]
    [InlineData(1, 4L, 4.0)]
    [InlineData(3, 13L, 4.3)]
    [InlineData(4, 17L, 4.3)] // 4.25 rounds half away from zero
    [InlineData(2, 9L, 4.5)]
    public void The_average_is_one_decimal_and_none_without_reviews(int count, long sum, double? expected) =>
        AverageStars.Of(count, sum).ShouldBe(expected is null ? null : (decimal)expected.Value);

    [Fact]
    public void Hiding_takes_a_reason_and_showing_clears_it_and_neither_repeats()
    {
        var review = Review.Leave(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, 2, " Words ", null, Now);
        review.Text.ShouldBe("Words");
        var admin = Guid.NewGuid();
        review.Hide(" Spam ", admin, Now).IsSuccess.ShouldBeTrue();
        (review.Hidden, review.HiddenReason, review.HiddenByUserId, review.HiddenAt).ShouldBe((true, "Spam", admin, Now));
        review.Hide("Again", admin, Now).Error!.Code.ShouldBe("feedback.review_already_hidden");
        review.Show().IsSuccess.ShouldBeTrue();
        (review.Hidden, review.HiddenReason).ShouldBe((false, (string?)null));
        review.Show().Error!.Code.ShouldBe("feedback.review_not_hidden");
        review.Version.ShouldBe(2);
    }

    [Fact]
    public void A_review_with_values_out_of_range_cannot_be_made()
    {
        Should.Throw<ArgumentException>(() => Review.Leave(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, 6, "", null, Now));
        Should.Throw<ArgumentException>(() => Review.Leave(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, 5, "", 11, Now));
        Should.Throw<ArgumentException>(() => Review.Leave(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, 5,
            new string('a', Review.MaxTextLength + 1), null, Now));
    }
}
