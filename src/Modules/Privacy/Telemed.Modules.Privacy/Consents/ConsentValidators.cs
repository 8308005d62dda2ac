using FluentValidation;

namespace Telemed.Modules.Privacy.Consents;

internal sealed class ConsentAnswerValidator : AbstractValidator<ConsentAnswer>
{
    public ConsentAnswerValidator() => RuleFor(a => a.Version).GreaterThan(0);
}

internal sealed class PublishConsentTextRequestValidator : AbstractValidator<PublishConsentTextRequest>
{
    public PublishConsentTextRequestValidator()
    {
        RuleFor(r => r.TextEn).NotEmpty().MaximumLength(ConsentText.MaxTextLength);
        RuleFor(r => r.TextRu).NotEmpty().MaximumLength(ConsentText.MaxTextLength);
    }
}
