using FluentValidation;

namespace Telemed.Modules.Privacy.Erasure;

/// <summary>Body of <c>POST /me/erasure-requests</c>: an optional reason (at most 1000 characters).</summary>
public sealed record RequestErasureBody(string? Reason);

/// <summary>Body of <c>POST /admin/erasure-requests/{id}/decline</c>: the reason the patient is told (1–1000 characters).</summary>
public sealed record DeclineErasureBody(string Reason);

/// <summary>
/// An erasure request as the patient and the admin see it. Times are UTC instants. <c>Status</c>: <see cref="ErasureStatuses"/>;
/// <c>Kept</c>: what was kept and why (filled once carrying out started); <c>StepsDone</c>/<c>FailedStep</c>: codes of
/// <see cref="ErasureSteps"/>; <c>DeclineReason</c>: the admin's words when declined.
/// </summary>
public sealed record ErasureRequestView(Guid Id, Guid PatientId, string Status, string? Reason, DateTime RequestedAt, DateTime? DecidedAt, DateTime? CompletedAt,
    string? DeclineReason, IReadOnlyList<KeptRecord> Kept, IReadOnlyList<string> StepsDone, string? FailedStep)
{
    internal static ErasureRequestView Of(ErasureRequest r) =>
        new(r.Id, r.PatientId, r.Status, r.Reason, r.RequestedAt, r.DecidedAt, r.CompletedAt, r.DeclineReason, r.Kept, r.FinishedSteps, r.FailedStep);
}

internal sealed class RequestErasureBodyValidator : AbstractValidator<RequestErasureBody>
{
    public RequestErasureBodyValidator() => RuleFor(b => b.Reason).MaximumLength(ErasureRequest.MaxReasonLength);
}

internal sealed class DeclineErasureBodyValidator : AbstractValidator<DeclineErasureBody>
{
    public DeclineErasureBodyValidator() => RuleFor(b => b.Reason).NotEmpty().MaximumLength(ErasureRequest.MaxReasonLength);
}
