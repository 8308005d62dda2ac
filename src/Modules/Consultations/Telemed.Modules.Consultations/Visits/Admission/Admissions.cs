using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Consultations.Attachments;
using Telemed.Modules.Consultations.Complaints;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Triage;
using Telemed.Modules.Consultations.WaitingRoom;

namespace Telemed.Modules.Consultations.Visits.Admission;

/// <summary>What asking to see a doctor led to: a place in a queue, or emergency advice and no queue.</summary>
internal sealed record Admission(Consultation Consultation, TriageResult Triage)
{
    public bool Admitted => !Triage.IsEmergency;
}

public sealed record AdmissionView(bool Admitted, TriageResult Triage, ConsultationView? Consultation);

/// <summary>
/// The shared half of entering a waiting room (booked or on demand): the complaint is triaged and kept with the
/// consultation; red flags divert to the emergency services, anything else joins the queue.
/// </summary>
internal sealed class Admissions(ConsultationsDbContext db, WaitingRoomFeed feed, AuditScope audit, TimeProvider clock)
{
    public async Task<Result<Admission>> AdmitAsync(Consultation consultation, ComplaintForm form, IReadOnlyList<Attachment> photos, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var triage = TriageRules.Assess(form);
        consultation.RecordComplaint(JsonSerializer.Serialize(form, ConsultationViews.Json), ComplaintSummary.Of(form), triage);
        foreach (var photo in photos)
        {
            photo.AttachTo(null, consultation.Id);
        }

        if (triage.IsEmergency)
        {
            consultation.DivertToEmergencyServices(now);
            if (await SaveAsync(ct) is { } gone)
            {
                return gone;
            }

            audit.Record("consultation.emergency_advised", AuditOutcome.Success, ConsultationAccess.RecordType, consultation.Id.ToString(), string.Join(',', triage.FiredRules.Select(r => r.Code)));
            return new Admission(consultation, triage);
        }

        var entered = consultation.EnterWaitingRoom(now);
        if (!entered.IsSuccess)
        {
            return entered.Error!;
        }

        if (await SaveAsync(ct) is { } photoGone)
        {
            return photoGone;
        }

        audit.Record("consultation.waiting", AuditOutcome.Success, ConsultationAccess.RecordType, consultation.Id.ToString());
        await feed.QueueChangedAsync(consultation, "added");
        return new Admission(consultation, triage);
    }

    /// <summary>
    /// Saves the admission; <c>consultation.photo_not_found</c> (nothing saved) when a photo's row went between its read and this
    /// save: the retention of uploads attached to nothing took it at its age limit.
    /// </summary>
    private async Task<Error?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException e) when (e.Entries.Any(entry => entry.Entity is Attachment))
        {
            db.ChangeTracker.Clear();
            return PhotoNotFound;
        }
    }

    private static readonly Error PhotoNotFound = Error.Validation("consultation.photo_not_found", "A photo was not found; upload it again.");

    /// <summary>The complaint's photos, which must be the patient's own uploads; <c>consultation.photo_not_found</c> otherwise (unknown or not theirs alike).</summary>
    public async Task<Result<IReadOnlyList<Attachment>>> OwnPhotosAsync(ComplaintForm form, Guid patientUserId, CancellationToken ct)
    {
        if (form.Photos.Count == 0)
        {
            return Array.Empty<Attachment>();
        }

        var ids = form.Photos.Distinct().ToList();
        var photos = await db.Attachments.Where(a => ids.Contains(a.Id) && a.UploaderUserId == patientUserId).ToListAsync(ct);
        return photos.Count == ids.Count ? photos : PhotoNotFound;
    }

    /// <summary>201 with the queued consultation, or 200 with the emergency advice when nothing was queued.</summary>
    public static async Task<Results<Created<AdmissionView>, Ok<AdmissionView>, ProblemHttpResult>> AnswerAsync(Result<Admission> result, ConsultationViews views, CancellationToken ct)
    {
        if (!result.IsSuccess)
        {
            return Problems.From(result.Error!);
        }

        var admission = result.Value;
        if (!admission.Admitted)
        {
            return TypedResults.Ok(new AdmissionView(false, TriageWording.In(admission.Triage, ReaderLanguage.Current), null));
        }

        var view = await views.OneAsync(admission.Consultation, ConsultationRole.Patient, ct);
        return TypedResults.Created($"/api/v1/consultations/{admission.Consultation.Id}", new AdmissionView(true, TriageWording.In(admission.Triage, ReaderLanguage.Current), view));
    }
}
