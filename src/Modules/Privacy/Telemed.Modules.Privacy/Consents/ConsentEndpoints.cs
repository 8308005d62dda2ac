using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Privacy.Contracts;
using Telemed.Modules.Privacy.Infrastructure;
using Telemed.Modules.Privacy.Subjects;

namespace Telemed.Modules.Privacy.Consents;

/// <summary>One give or withdraw in the history; <c>DecidedAt</c> is a UTC instant, <c>Version</c> the text version answered.</summary>
public sealed record ConsentHistoryEntry(bool Given, int Version, DateTime DecidedAt);

/// <summary>
/// One consent as the patient sees it: the kind (code), the current version and its text in the request's language (en/ru),
/// the status (<c>notGiven</c>, <c>given</c>, <c>withdrawn</c>, <c>renewalNeeded</c>) and the full history, newest first.
/// </summary>
public sealed record ConsentView(string Kind, int CurrentVersion, string Text, DateTime PublishedAt, string Status, IReadOnlyList<ConsentHistoryEntry> History);

/// <summary>The version being answered: giving consent to an outdated text is refused with 409 <c>privacy.consent_version_outdated</c>.</summary>
public sealed record ConsentAnswer(int Version);

/// <summary>A new wording of a consent in both languages (each 1–8000 characters).</summary>
public sealed record PublishConsentTextRequest(string TextEn, string TextRu);

/// <summary>One published version, as the admin sees it (both languages).</summary>
public sealed record ConsentTextView(string Kind, int Version, string TextEn, string TextRu, DateTime PublishedAt);

internal static class ConsentErrors
{
    public static readonly Error UnknownKind = new("privacy.consent_kind_unknown", "There is no such consent.", ErrorKind.NotFound);
    public static readonly Error VersionOutdated = Error.Conflict("privacy.consent_version_outdated", "A newer text of this consent was published; read it and answer again.");
    public static readonly Error NothingToWithdraw = Error.Conflict("privacy.consent_not_given", "This consent is not given, so there is nothing to withdraw.");
    public static readonly Error PublishRace = Error.Conflict("privacy.consent_text_conflict", "Another version was published at the same moment; reload and try again.");
}

/// <summary>The patient's consents (<c>/api/v1/me/consents</c>) and the admin's texts (<c>/api/v1/admin/consent-texts</c>).</summary>
internal static class ConsentEndpoints
{
    /// <summary>Every kind with its current text and the patient's status; 404 <c>privacy.patient_not_found</c> for someone else's record.</summary>
    public static async Task<Results<Ok<IReadOnlyList<ConsentView>>, ProblemHttpResult>> ListAsync(Guid? patientId, HttpRequest http, ICurrentUser user, IPatientRepresentation representation,
        PrivacyDbContext db, CancellationToken ct)
    {
        if (await representation.ActingForAsync(user.RequireUserId(), patientId, ct) is not { } subject)
        {
            return Problems.From(PrivacyErrors.PatientNotFound);
        }

        return TypedResults.Ok(await ViewsAsync(db, subject, ReaderLanguage.Of(http.Headers.AcceptLanguage.ToString()), ct));
    }

    /// <summary>
    /// Gives consent of <paramref name="kind"/> to the current version (409 when <see cref="ConsentAnswer.Version"/> is outdated).
    /// Giving it again while it stands for that version answers 200 and records nothing new.
    /// </summary>
    public static Task<Results<Ok<IReadOnlyList<ConsentView>>, ProblemHttpResult>> GiveAsync(string kind, ConsentAnswer answer, Guid? patientId, HttpRequest http, ICurrentUser user,
        IPatientRepresentation representation, PrivacyDbContext db, TimeProvider clock, AuditScope audit, CancellationToken ct) =>
        DecideAsync(kind, answer, patientId, given: true, http, user, representation, db, clock, audit, ct);

    /// <summary>Withdraws consent of <paramref name="kind"/> (409 <c>privacy.consent_not_given</c> when it is not given).</summary>
    public static Task<Results<Ok<IReadOnlyList<ConsentView>>, ProblemHttpResult>> WithdrawAsync(string kind, Guid? patientId, HttpRequest http, ICurrentUser user,
        IPatientRepresentation representation, PrivacyDbContext db, TimeProvider clock, AuditScope audit, CancellationToken ct) =>
        DecideAsync(kind, null, patientId, given: false, http, user, representation, db, clock, audit, ct);

    private static async Task<Results<Ok<IReadOnlyList<ConsentView>>, ProblemHttpResult>> DecideAsync(string kind, ConsentAnswer? answer, Guid? patientId, bool given,
        HttpRequest http, ICurrentUser user, IPatientRepresentation representation, PrivacyDbContext db, TimeProvider clock, AuditScope audit, CancellationToken ct)
    {
        if (!ConsentKinds.IsKnown(kind))
        {
            return Problems.From(ConsentErrors.UnknownKind);
        }

        var me = user.RequireUserId();
        if (await representation.ActingForAsync(me, patientId, ct) is not { } subject)
        {
            return Problems.From(PrivacyErrors.PatientNotFound);
        }

        var current = await CurrentTextAsync(db, kind, ct);
        if (current is null)
        {
            return Problems.From(ConsentErrors.UnknownKind);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var latest = await db.ConsentDecisions.AsNoTracking().Where(d => d.PatientId == subject && d.Kind == kind)
            .OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        if (given)
        {
            if (answer!.Version != current.Version)
            {
                return Problems.From(ConsentErrors.VersionOutdated);
            }

            // Already given to this text (a double click, a retry after a lost answer): nothing changes, so the history gains
            // no second "given" the patient never meant as a new decision, and the answer is the same as the first time.
            if (latest is { Given: true } && latest.Version == current.Version)
            {
                return TypedResults.Ok(await ViewsAsync(db, subject, ReaderLanguage.Of(http.Headers.AcceptLanguage.ToString()), ct));
            }

            db.ConsentDecisions.Add(ConsentDecision.Give(subject, current, now, me));
        }
        else
        {
            if (latest is not { Given: true })
            {
                return Problems.From(ConsentErrors.NothingToWithdraw);
            }

            db.ConsentDecisions.Add(ConsentDecision.Withdraw(subject, current, now, me));
        }

        db.AuditWithNextSave(given ? PrivacyAuditActions.ConsentGiven : PrivacyAuditActions.ConsentWithdrawn, "Consent", kind);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ViewsAsync(db, subject, ReaderLanguage.Of(http.Headers.AcceptLanguage.ToString()), ct));
    }

    /// <summary>Every published version of every kind, newest first.</summary>
    public static async Task<Ok<IReadOnlyList<ConsentTextView>>> ListTextsAsync(PrivacyDbContext db, CancellationToken ct)
    {
        var texts = await db.ConsentTexts.AsNoTracking().ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ConsentTextView>>([.. texts.OrderBy(t => ConsentKindOrder(t.Kind)).ThenByDescending(t => t.Version)
            .Select(t => new ConsentTextView(t.Kind, t.Version, t.TextEn, t.TextRu, t.PublishedAt))]);
    }

    /// <summary>Publishes the next version of <paramref name="kind"/>; every patient who gave the previous one is asked again.</summary>
    public static async Task<Results<Created<ConsentTextView>, ProblemHttpResult>> PublishAsync(string kind, PublishConsentTextRequest request, ICurrentUser user,
        PrivacyDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!ConsentKinds.IsKnown(kind))
        {
            return Problems.From(ConsentErrors.UnknownKind);
        }

        var text = ConsentText.Publish(kind, await CurrentTextAsync(db, kind, ct), request.TextEn, request.TextRu, clock.GetUtcNow().UtcDateTime, user.UserId);
        db.ConsentTexts.Add(text);
        db.AuditWithNextSave(PrivacyAuditActions.ConsentTextPublished, "ConsentText", text.Id.ToString());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Problems.From(ConsentErrors.PublishRace);
        }

        return TypedResults.Created($"/api/v1/admin/consent-texts/{kind}", new ConsentTextView(text.Kind, text.Version, text.TextEn, text.TextRu, text.PublishedAt));
    }

    internal static Task<ConsentText?> CurrentTextAsync(PrivacyDbContext db, string kind, CancellationToken ct) =>
        db.ConsentTexts.Where(t => t.Kind == kind).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);

    private static int ConsentKindOrder(string kind) => ConsentKinds.All.ToList().IndexOf(kind);

    private static async Task<IReadOnlyList<ConsentView>> ViewsAsync(PrivacyDbContext db, Guid patientId, string language, CancellationToken ct)
    {
        var texts = await db.ConsentTexts.AsNoTracking().ToListAsync(ct);
        var decisions = await db.ConsentDecisions.AsNoTracking().Where(d => d.PatientId == patientId).ToListAsync(ct);
        var views = new List<ConsentView>();
        foreach (var kind in ConsentKinds.All)
        {
            var current = texts.Where(t => t.Kind == kind).MaxBy(t => t.Version);
            if (current is null)
            {
                continue;
            }

            var history = decisions.Where(d => d.Kind == kind).OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id).ToList();
            views.Add(new ConsentView(kind, current.Version, current.TextIn(language), current.PublishedAt,
                ConsentStatusRules.StatusOf(history.FirstOrDefault(), current.Version), [.. history.Select(d => new ConsentHistoryEntry(d.Given, d.Version, d.DecidedAt))]));
        }

        return views;
    }
}
