using FluentValidation;

namespace Telemed.Modules.Feedback.Reviews;

internal sealed class LeaveReviewBodyValidator : AbstractValidator<LeaveReviewBody>
{
    public LeaveReviewBodyValidator()
    {
        RuleFor(b => b.Stars).Must(StarsAreOneToFive.Allows).WithErrorCode("feedback.stars_out_of_range").WithMessage("Stars must be 1 to 5.");
        RuleFor(b => b.Nps).Must(NpsIsZeroToTen.Allows).WithErrorCode("feedback.nps_out_of_range").WithMessage("The answer must be 0 to 10.");
        RuleFor(b => b.Text).MaximumLength(Review.MaxTextLength);
    }
}

internal sealed class HideReviewBodyValidator : AbstractValidator<HideReviewBody>
{
    public HideReviewBodyValidator() => RuleFor(b => b.Reason).NotEmpty().Must(r => !string.IsNullOrWhiteSpace(r)).MaximumLength(Review.MaxReasonLength);
}
