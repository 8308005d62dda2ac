using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Text;
using Telemed.Modules.Consultations.Complaints;
using Telemed.Modules.Consultations.Infrastructure;
using Telemed.Modules.Consultations.Triage;
using Telemed.Modules.Consultations.WaitingRoom;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Consultations.Visits;

/// <summary>A waiting consultation's place; null minutes when nobody can estimate, <c>NobodyOnDuty</c> when no doctor of the specialty is on duty.</summary>
public sealed record QueueInfo(int Position, int? EstimatedWaitMinutes, bool Escalated, bool NobodyOnDuty);

/// <summary>
/// A consultation as its participants see it. For staff <c>PatientName</c> and <c>PatientId</c> name the patient. In a patient's
/// own list (<c>GET /consultations/mine</c>) and its reads of one (<c>GET /consultations/{id}</c>, the admission, a failed call)
/// <c>PatientId</c> is whom the consultation is for, and <c>PatientName</c> is set only on a dependant's (a guardian's child), so the
/// page can say "For Sofia" there and nothing on the account's own. <c>ComplaintSummary</c> is in the reader's language (<c>Accept-Language</c>, <see cref="ComplaintSummary"/>).
/// </summary>
public sealed record ConsultationView(Guid Id, string Kind, string Status, string Origin, Guid? AppointmentId, string Specialty, string? PatientName,
    string? DoctorName, Guid? DoctorUserId, DateTime? ScheduledStart, string Priority, TriageResult Triage, string ComplaintSummary, QueueInfo? Queue,
    DateTime? EnteredWaitingAt, DateTime? StartedAt, DateTime? EndedAt, int? DurationSeconds, string? FailureReason, Guid? ConversationId,
    Guid? PatientId = null);

/// <summary>
/// A consultation in a doctor's queue. <c>AppointmentId</c> is the booked visit it belongs to (null for an on-demand request),
/// so the doctor's agenda can offer "join" on the visit whose patient is waiting. <c>ComplaintSummary</c> is in the reader's
/// language (<c>Accept-Language</c>).
/// </summary>
public sealed record QueueItem(Guid ConsultationId, string Origin, string Kind, string PatientName, string Priority, string TriageLevel, string ComplaintSummary,
    DateTime? WaitingSince, DateTime? ScheduledStart, bool Escalated, string Specialty, Guid? AppointmentId = null);

internal sealed class ConsultationViews(ConsultationsDbContext db, IDirectoryModule directory, QueueReader queues, IPatientRepresentation representation)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string StatusName(ConsultationStatus status) => Camel(status.ToString());

    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    public static TriageResult TriageOf(Consultation c)
    {
        var catalogue = TriageRules.Catalogue.ToDictionary(r => r.Code);
        var fired = c.TriageRuleCodes.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(catalogue.ContainsKey).Select(code => catalogue[code]).ToList();
        // Worded for the reader (Accept-Language): every caller returns it to a client.
        return TriageWording.In(new TriageResult(c.Priority, TriageRules.AdviceFor(c.Priority), fired), ReaderLanguage.Current);
    }

    /// <summary>
    /// The complaint's one-line summary for a reader of <paramref name="language"/>: the line stored with the consultation for
    /// English (or when no form is stored), else worded again from the stored form (<see cref="ComplaintSummary"/>).
    /// </summary>
    public static string SummaryOf(Consultation c, string language) => SummaryOf(c.ComplaintSummary, c.ComplaintJson, language);

    /// <summary>As <see cref="SummaryOf(Consultation, string)"/> from a projection's stored line and form JSON.</summary>
    public static string SummaryOf(string storedSummary, string complaintJson, string language) =>
        LanguagePreference.IsRussian(language) && complaintJson.Length > 0 && JsonSerializer.Deserialize<ComplaintForm>(complaintJson, Json) is { } form
            ? ComplaintSummary.Of(form, language)
            : storedSummary;

    public static ComplaintForm? ComplaintOf(Consultation c) =>
        c.ComplaintJson.Length == 0 ? null : JsonSerializer.Deserialize<ComplaintForm>(c.ComplaintJson, Json);

    public async Task<ConsultationView> OneAsync(Consultation c, bool forStaff, CancellationToken ct) => (await ManyAsync([c], forStaff, ct))[0];

    /// <summary>
    /// One consultation as the reader in <paramref name="role"/> sees it: its patient account as in its list (<see cref="ForAccountAsync"/>:
    /// naming the child on a guardian's child's), anyone else as staff.
    /// </summary>
    public async Task<ConsultationView> OneAsync(Consultation c, ConsultationRole role, CancellationToken ct) => role == ConsultationRole.Patient
        ? (await ForAccountAsync([c], await representation.RepresentedAsync(c.PatientUserId, ct), ct))[0]
        : await OneAsync(c, forStaff: true, ct);

    /// <summary>Views of many consultations with one directory call per kind of name and one conversation query, whatever their number.</summary>
    public async Task<IReadOnlyList<ConsultationView>> ManyAsync(IReadOnlyList<Consultation> consultations, bool forStaff, CancellationToken ct)
    {
        var patientNames = forStaff ? await directory.GetPatientNamesAsync([.. consultations.Select(c => c.PatientId).Distinct()], ct) : new Dictionary<Guid, string>();
        var doctorNames = await directory.GetDoctorNamesByUserAsync([.. consultations.Select(c => c.DoctorUserId).OfType<Guid>().Distinct()], ct);
        var ids = consultations.Select(c => (Guid?)c.Id).ToList();
        var conversations = await db.Conversations.AsNoTracking().Where(x => ids.Contains(x.ConsultationId))
            .Select(x => new { ConsultationId = x.ConsultationId!.Value, x.Id }).ToDictionaryAsync(x => x.ConsultationId, x => x.Id, ct);
        var views = new List<ConsultationView>(consultations.Count);
        foreach (var c in consultations)
        {
            // Only a waiting consultation has a position; the others cost no query here.
            var position = await queues.PositionOfAsync(c, ct);
            views.Add(new ConsultationView(c.Id, Camel(c.Kind.ToString()), StatusName(c.Status), Camel(c.Origin.ToString()), c.AppointmentId, c.Specialty,
                forStaff ? patientNames.GetValueOrDefault(c.PatientId) : null, c.DoctorUserId is { } d ? doctorNames.GetValueOrDefault(d) : null,
                c.DoctorUserId, c.ScheduledStart, Camel(c.Priority.ToString()), TriageOf(c), SummaryOf(c, ReaderLanguage.Current),
                position is null ? null : new QueueInfo(position.Position, position.EstimatedWaitMinutes, position.Escalated, position.NobodyOnDuty),
                c.EnteredWaitingAt, c.StartedAt, c.EndedAt, c.DurationSeconds, c.FailureReason is { } f ? Camel(f.ToString()) : null,
                conversations.TryGetValue(c.Id, out var conversationId) ? conversationId : null, forStaff ? c.PatientId : null));
        }

        return views;
    }

    /// <summary>
    /// A patient account's list (<c>GET /consultations/mine</c>): as <see cref="ManyAsync"/> for the patient, each item naming whom it
    /// is for: <c>PatientId</c> on every item, <c>PatientName</c> on a dependant's only (<paramref name="represented"/>, the directory's
    /// <see cref="IPatientRepresentation.RepresentedAsync"/>). A child whose guardian link was removed since still has the visits the
    /// account booked for it in this list; those are named from the directory too, so no child's item reads as the guardian's own.
    /// </summary>
    public async Task<IReadOnlyList<ConsultationView>> ForAccountAsync(IReadOnlyList<Consultation> consultations, IReadOnlyList<RepresentedPatient> represented,
        CancellationToken ct)
    {
        var own = represented.Where(p => p.IsOwn).Select(p => (Guid?)p.PatientId).FirstOrDefault();
        var names = represented.Where(p => !p.IsOwn).ToDictionary(p => p.PatientId, p => p.DisplayName);
        var unlisted = consultations.Select(c => c.PatientId).Where(id => id != own && !names.ContainsKey(id)).Distinct().ToList();
        if (unlisted.Count > 0)
        {
            foreach (var (id, name) in await directory.GetPatientNamesAsync(unlisted, ct))
            {
                names[id] = name;
            }
        }

        var views = await ManyAsync(consultations, forStaff: false, ct);
        return [.. views.Zip(consultations, (view, c) => view with { PatientId = c.PatientId, PatientName = names.GetValueOrDefault(c.PatientId) })];
    }

    public async Task<IReadOnlyList<QueueItem>> QueueItemsAsync(IReadOnlyList<Consultation> waiting, CancellationToken ct)
    {
        var names = await directory.GetPatientNamesAsync([.. waiting.Select(c => c.PatientId).Distinct()], ct);
        return [.. QueueReader.InQueueOrder(waiting, c => c.Priority, c => c.EnteredWaitingAt, c => c.Id).Select(c => new QueueItem(c.Id, Camel(c.Origin.ToString()),
            Camel(c.Kind.ToString()), names.GetValueOrDefault(c.PatientId, ""), Camel(c.Priority.ToString()), Camel(c.Priority.ToString()), SummaryOf(c, ReaderLanguage.Current),
            c.EnteredWaitingAt, c.ScheduledStart, c.Escalated, c.Specialty, c.AppointmentId))];
    }
}
