using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.FrontOffice.Contracts;
using Telemed.Modules.FrontOffice.Infrastructure;

namespace Telemed.Modules.FrontOffice.Messages;

/// <summary>A message to write: 1–4,000 characters of text.</summary>
public sealed record WriteClinicMessageRequest(string Body);

/// <summary>One message; <c>author</c> is <c>clinic</c> or <c>patient</c>; UTC instants.</summary>
public sealed record ClinicMessageView(Guid Id, string Author, string AuthorName, string Body, DateTime SentAt, DateTime? ReadAt);

/// <summary>A patient's thread with the clinic, oldest first (the latest 200), and how many messages the reader had not yet read.</summary>
public sealed record ClinicThreadView(Guid PatientId, IReadOnlyList<ClinicMessageView> Messages, int UnreadBefore);

internal sealed class WriteClinicMessageRequestValidator : AbstractValidator<WriteClinicMessageRequest>
{
    public WriteClinicMessageRequestValidator() =>
        RuleFor(r => r.Body).NotEmpty().WithMessage(FrontOfficeRules.EmptyMessage.Message)
            .MaximumLength(FrontOfficeRules.MaxMessageLength).WithMessage(FrontOfficeRules.MessageTooLong.Message);
}

/// <summary>
/// The clinic–patient thread: the front desk (any front-desk user speaks as "the clinic") reads and writes any patient's
/// thread; a patient reads and writes their own, and a guardian a dependant's with <c>?patientId=</c> (as on the other patient
/// endpoints). Reading marks the other party's messages read. Unknown patients, and anyone else's thread: 404 (the refusal audited).
/// </summary>
internal static class ClinicMessageEndpoints
{
    public const int PageSize = 200;
    public static readonly Error PatientNotFound = new("front_office.patient_not_found", "There is no such patient.", ErrorKind.NotFound);

    public static void MapClinicMessageEndpoints(this IEndpointRouteBuilder api)
    {
        var desk = api.MapGroup("/front-desk/patients/{patientId:guid}/messages").WithTags("Front office").RequireAuthorization(Policies.FrontDesk);
        desk.MapGet("", DeskReadAsync).WithName("ReadClinicThread");
        desk.MapPost("", DeskWriteAsync).Validate<WriteClinicMessageRequest>().AcceptsIdempotencyKey().WithName("WriteClinicMessage");

        var mine = api.MapGroup("/me/clinic-messages").WithTags("Front office").RequireAuthorization(Policies.Patient);
        mine.MapGet("", PatientReadAsync).WithName("ReadMyClinicThread");
        mine.MapPost("", PatientWriteAsync).Validate<WriteClinicMessageRequest>().AcceptsIdempotencyKey().WithName("WriteMyClinicMessage");
    }

    private static async Task<Results<Ok<ClinicThreadView>, ProblemHttpResult>> DeskReadAsync(Guid patientId, IDirectoryModule directory, FrontOfficeDbContext db,
        TimeProvider clock, CancellationToken ct) =>
        await directory.FindPatientUserIdAsync(patientId, ct) is null
            ? Problems.From(PatientNotFound)
            : TypedResults.Ok(await ReadAsync(patientId, ClinicMessageAuthor.Clinic, db, directory, clock, ct));

    /// <summary>The operations' names in <c>create_request_keys</c>: the desk's writes and the patient's.</summary>
    public const string DeskWriteOperation = "front_office.desk_write_message";
    public const string PatientWriteOperation = "front_office.patient_write_message";

    /// <summary>
    /// 201 with the message written to the patient's thread; 404 <c>front_office.patient_not_found</c>. With an <c>Idempotency-Key</c>
    /// header one message per key (see <see cref="WriteAsync"/>).
    /// </summary>
    private static async Task<Results<Created<ClinicMessageView>, ProblemHttpResult>> DeskWriteAsync(Guid patientId, WriteClinicMessageRequest request,
        HttpRequest http, IDirectoryModule directory, FrontOfficeDbContext db, ICurrentUser user, TimeProvider clock, CancellationToken ct) =>
        await directory.FindPatientUserIdAsync(patientId, ct) is { } patientUserId
            ? await WriteAsync(http, DeskWriteOperation, patientId, patientUserId, ClinicMessageAuthor.Clinic, user.RequireUserId(), request.Body, db, directory, clock, ct)
            : Problems.From(PatientNotFound);

    /// <summary>
    /// The thread of the patient the caller acts for: their own, or with <paramref name="patientId"/> a dependant's they are guardian of;
    /// 404 <c>front_office.patient_not_found</c> for any other patient (audited as a denial) or without a profile.
    /// </summary>
    private static async Task<Results<Ok<ClinicThreadView>, ProblemHttpResult>> PatientReadAsync(Guid? patientId, IDirectoryModule directory,
        IPatientRepresentation representation, FrontOfficeDbContext db, ICurrentUser user, TimeProvider clock, CancellationToken ct) =>
        await representation.ActingForAsync(user.RequireUserId(), patientId, ct) is { } subject
            ? TypedResults.Ok(await ReadAsync(subject, ClinicMessageAuthor.Patient, db, directory, clock, ct))
            : Problems.From(PatientNotFound);

    /// <summary>
    /// 201 with the message written to the thread of the patient the caller acts for (their own, or with <paramref name="patientId"/> a
    /// dependant's); 404 <c>front_office.patient_not_found</c> without a profile or for anyone else's patient. With an
    /// <c>Idempotency-Key</c> header one message per key (see <see cref="WriteAsync"/>).
    /// </summary>
    private static async Task<Results<Created<ClinicMessageView>, ProblemHttpResult>> PatientWriteAsync(Guid? patientId, WriteClinicMessageRequest request, HttpRequest http,
        IDirectoryModule directory, IPatientRepresentation representation, FrontOfficeDbContext db, ICurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var userId = user.RequireUserId();
        if (await representation.ActingForAsync(userId, patientId, ct) is not { } subject)
        {
            return Problems.From(PatientNotFound);
        }

        // The thread's account is the patient's own, or for a dependant the guardian's (who gets the clinic's notices).
        var threadUserId = await directory.FindPatientUserIdAsync(subject, ct) ?? userId;
        return await WriteAsync(http, PatientWriteOperation, subject, threadUserId, ClinicMessageAuthor.Patient, userId, request.Body, db, directory, clock, ct);
    }

    private static async Task<ClinicThreadView> ReadAsync(Guid patientId, ClinicMessageAuthor reader, FrontOfficeDbContext db, IDirectoryModule directory,
        TimeProvider clock, CancellationToken ct)
    {
        var messages = await db.Messages.Where(m => m.PatientId == patientId).OrderByDescending(m => m.SentAt).Take(PageSize).ToListAsync(ct);
        messages.Reverse();
        var now = clock.GetUtcNow().UtcDateTime;
        var unread = messages.Count(m => m.Author != reader && m.ReadAt is null);
        var views = await ViewsAsync(messages, directory, ct);
        foreach (var message in messages)
        {
            message.MarkReadBy(reader, now);
        }

        if (unread > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return new ClinicThreadView(patientId, views, unread);
    }

    /// <summary>
    /// Writes the message. With an <c>Idempotency-Key</c> header (kept per author and <paramref name="operation"/>, with the thread's
    /// patient and the text) the same message sent again (a lost answer, a second click, or twice at once) is answered 201 with the
    /// message it wrote; the same key with another text or thread is 422 <c>idempotency.key_reused</c>, a key over 100 characters 400
    /// <c>idempotency.key_invalid</c> (docs/api-v1.md, "Retrying a create").
    /// </summary>
    private static async Task<Results<Created<ClinicMessageView>, ProblemHttpResult>> WriteAsync(HttpRequest http, string operation, Guid patientId, Guid patientUserId,
        ClinicMessageAuthor author, Guid authorUserId, string body, FrontOfficeDbContext db, IDirectoryModule directory, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = await db.ClaimAsync(http, authorUserId, operation, new { patientId, body }, now, ct);
        if (claim.Answer is { } answer)
        {
            return await AnswerOfAsync(answer, patientId, db, directory, ct);
        }

        var written = ClinicMessage.Write(patientId, patientUserId, author, authorUserId, body, now);
        if (!written.IsSuccess)
        {
            return Problems.From(written.Error!);
        }

        db.Messages.Add(written.Value);
        if (await db.SaveCreatedAsync(claim.Key, written.Value.Id, ct) is { } raced)
        {
            return await AnswerOfAsync(raced, patientId, db, directory, ct);
        }

        // Named as a read of the thread names it: the patient's name on the patient's messages.
        return TypedResults.Created($"/api/v1/me/clinic-messages/{written.Value.Id}", (await ViewsAsync([written.Value], directory, ct))[0]);
    }

    /// <summary>
    /// The answer to an earlier write with the same key: 201 with the message it wrote, its key's error (422), or 404
    /// <c>front_office.patient_not_found</c> should the message be gone (the patient's erasure).
    /// </summary>
    private static Task<Results<Created<ClinicMessageView>, ProblemHttpResult>> AnswerOfAsync(Result<Guid> earlier, Guid patientId, FrontOfficeDbContext db,
        IDirectoryModule directory, CancellationToken ct) =>
        earlier.AnswerAsync(async id => await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.PatientId == patientId, ct) is { } message
            ? TypedResults.Created($"/api/v1/me/clinic-messages/{message.Id}", (await ViewsAsync([message], directory, ct))[0])
            : null, PatientNotFound);

    private static async Task<IReadOnlyList<ClinicMessageView>> ViewsAsync(IReadOnlyList<ClinicMessage> messages, IDirectoryModule directory, CancellationToken ct)
    {
        var patientIds = messages.Where(m => m.Author == ClinicMessageAuthor.Patient).Select(m => m.PatientId).Distinct().ToList();
        var names = patientIds.Count == 0 ? new Dictionary<Guid, string>() : await directory.GetPatientNamesAsync(patientIds, ct);
        return messages.Select(m => View(m, m.Author == ClinicMessageAuthor.Patient ? names.GetValueOrDefault(m.PatientId, "") : "")).ToList();
    }

    /// <summary>The clinic speaks as one party; which front-desk user wrote is in the audit trail, not in the patient's view.</summary>
    private static ClinicMessageView View(ClinicMessage m, string patientName) =>
        new(m.Id, m.Author == ClinicMessageAuthor.Clinic ? "clinic" : "patient", m.Author == ClinicMessageAuthor.Clinic ? "" : patientName, m.Body, m.SentAt, m.ReadAt);
}
