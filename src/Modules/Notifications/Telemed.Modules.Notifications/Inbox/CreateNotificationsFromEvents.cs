using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.FrontOffice.Contracts;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>
/// Turns other modules' integration events into in-app notifications: booking changes for the patient (and the doctor for new
/// and cancelled visits), a clinic message for the patient, a review request for the addressed doctor. Titles are built in each
/// recipient's language; visit dates are local to the visit's clinic. Idempotent: one notification per (event, recipient).
/// </summary>
internal sealed class CreateNotificationsFromEvents(NotificationInbox inbox, IDirectoryModule directory, IRecipientLanguage identity) :
    IIntegrationEventBatchHandler<AppointmentBooked>, IIntegrationEventHandler<AppointmentRescheduled>, IIntegrationEventHandler<AppointmentCancelled>,
    IIntegrationEventHandler<ClinicMessageSent>, IIntegrationEventHandler<ReviewFlagRaised>, IIntegrationEventHandler<PaymentRefunded>,
    IIntegrationEventHandler<PaymentCaptured>
{
    public async Task HandleAsync(AppointmentBooked e, CancellationToken ct) =>
        await inbox.DeliverAsync(await ItemsAsync(e, await directory.GetPatientContactAsync(e.PatientId, ct), id => DoctorNameAsync(id, ct),
            id => identity.GetPreferredLanguageAsync(id, ct), ct), ct);

    /// <summary>
    /// A batch of bookings: each one's notifications built as for one (the patients' contacts and the doctors' languages read at
    /// once, each doctor's name once), all saved together.
    /// </summary>
    public async Task HandleAsync(IReadOnlyList<AppointmentBooked> events, CancellationToken ct)
    {
        var contacts = await directory.GetPatientContactsAsync([.. events.Select(e => e.PatientId)], ct);
        var languages = await identity.GetPreferredLanguagesAsync([.. events.Select(e => e.DoctorUserId).Distinct()], ct);
        var names = new Dictionary<Guid, string>();
        var items = new List<InboxItem>(events.Count * 2);
        foreach (var e in events)
        {
            items.AddRange(await ItemsAsync(e, contacts.GetValueOrDefault(e.PatientId),
                async id => names.TryGetValue(id, out var name) ? name : names[id] = await DoctorNameAsync(id, ct),
                id => Task.FromResult(languages.GetValueOrDefault(id)), ct));
        }

        await inbox.DeliverAsync(items, ct);
    }

    /// <summary>A booking's notifications: the patient's (or their guardian's, per <paramref name="patient"/>) and the doctor's, each in their language.</summary>
    private async Task<List<InboxItem>> ItemsAsync(AppointmentBooked e, PatientContact? patient, Func<Guid, Task<string>> doctorName,
        Func<Guid, Task<string?>> languageOf, CancellationToken ct)
    {
        var zone = await ZoneAsync(e.ClinicId, ct);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(e.Start, DateTimeKind.Utc), zone);
        var items = new List<InboxItem>(2);
        if (patient is not null)
        {
            var doctor = await doctorName(e.DoctorId);
            items.Add(new InboxItem(patient.UserId, NotificationKinds.BookingCreated,
                NotificationTitles.Booked(patient.PreferredLanguage, doctor, local, await DependantNameAsync(patient, ct)),
                $"/patient/appointments/{e.AppointmentId}", e.EventId));
        }

        var doctorLanguage = await languageOf(e.DoctorUserId);
        items.Add(new InboxItem(e.DoctorUserId, NotificationKinds.BookingCreated, NotificationTitles.NewBookingForDoctor(doctorLanguage, local),
            $"/doctor/appointments/{e.AppointmentId}", e.EventId));
        return items;
    }

    /// <summary>
    /// The visit's patient's name when the notice goes to a guardian about their child (the contact's account is not that patient's
    /// own: the directory answers a dependant's contact with the guardian's), else null: the title then says whose visit it is.
    /// </summary>
    private async Task<string?> DependantNameAsync(PatientContact patient, CancellationToken ct) =>
        await directory.FindPatientIdAsync(patient.UserId, ct) == patient.PatientId ? null : patient.DisplayName;

    public async Task HandleAsync(AppointmentRescheduled e, CancellationToken ct)
    {
        if (await directory.GetPatientContactAsync(e.PatientId, ct) is not { } patient)
        {
            return;
        }

        var zone = await ZoneAsync(e.ClinicId, ct);
        var title = NotificationTitles.Rescheduled(patient.PreferredLanguage, Local(e.PreviousStart, zone), Local(e.Start, zone), await DependantNameAsync(patient, ct));
        await inbox.DeliverAsync(patient.UserId, NotificationKinds.BookingRescheduled, title, $"/patient/appointments/{e.AppointmentId}", e.EventId, ct);
    }

    public async Task HandleAsync(AppointmentCancelled e, CancellationToken ct)
    {
        var zone = await ZoneAsync(e.ClinicId, ct);
        var local = Local(e.Start, zone);
        var items = new List<InboxItem>(2);
        if (!e.ByPatient && await directory.GetPatientContactAsync(e.PatientId, ct) is { } patient)
        {
            items.Add(new InboxItem(patient.UserId, NotificationKinds.BookingCancelled,
                NotificationTitles.Cancelled(patient.PreferredLanguage, local, await DependantNameAsync(patient, ct)),
                $"/patient/appointments/{e.AppointmentId}", e.EventId));
        }

        if ((await directory.FindDoctorsAsync(new DoctorFilter(DoctorId: e.DoctorId, ActiveOnly: false), ct)).FirstOrDefault() is { } doctor)
        {
            var language = await identity.GetPreferredLanguageAsync(doctor.UserId, ct);
            items.Add(new InboxItem(doctor.UserId, NotificationKinds.BookingCancelled, NotificationTitles.CancelledForDoctor(language, local),
                $"/doctor/appointments/{e.AppointmentId}", e.EventId));
        }

        await inbox.DeliverAsync(items, ct);
    }

    public async Task HandleAsync(ClinicMessageSent e, CancellationToken ct)
    {
        if (e.Author != ClinicMessageAuthor.Clinic)
        {
            return;
        }

        var language = (await directory.GetPatientContactAsync(e.PatientId, ct))?.PreferredLanguage ?? await identity.GetPreferredLanguageAsync(e.PatientUserId, ct);
        // A dependant's thread is read by the guardian: the link names the child (an opaque id), or the page would open the guardian's own.
        var link = await directory.FindPatientIdAsync(e.PatientUserId, ct) == e.PatientId ? "/patient/clinic-messages" : $"/patient/clinic-messages?patientId={e.PatientId}";
        await inbox.DeliverAsync(e.PatientUserId, NotificationKinds.ClinicMessage, NotificationTitles.ClinicMessage(language), link, e.EventId, ct);
    }

    public async Task HandleAsync(ReviewFlagRaised e, CancellationToken ct)
    {
        var language = await identity.GetPreferredLanguageAsync(e.DoctorUserId, ct);
        await inbox.DeliverAsync(e.DoctorUserId, NotificationKinds.ReviewRequest, NotificationTitles.ReviewRequest(language), "/doctor/review-requests", e.EventId, ct);
    }

    /// <summary>Money went back to the patient's card (an administrator's refund or the clinic's automatic one): the payer is told how much.</summary>
    public async Task HandleAsync(PaymentRefunded e, CancellationToken ct)
    {
        if (await directory.GetPatientContactAsync(e.PatientId, ct) is not { } patient)
        {
            return;
        }

        await inbox.DeliverAsync(patient.UserId, NotificationKinds.PaymentRefunded, NotificationTitles.Refunded(patient.PreferredLanguage, e.AmountMinor, e.Currency, e.ChargedFor,
            await DependantNameAsync(patient, ct)),
            $"/patient/appointments/{e.AppointmentId}", e.EventId, ct);
    }

    /// <summary>
    /// Money was taken from the patient's card (the visit's final amount, or a late-cancellation or no-show fee): the payer is told how
    /// much and what for. Billing raises the event once per capture (a redelivered settlement or webhook finds the payment captured and
    /// raises none), and the inbox keeps one notification per event, so a replayed event adds nothing.
    /// </summary>
    public async Task HandleAsync(PaymentCaptured e, CancellationToken ct)
    {
        if (await directory.GetPatientContactAsync(e.PatientId, ct) is not { } patient)
        {
            return;
        }

        await inbox.DeliverAsync(patient.UserId, NotificationKinds.PaymentCaptured,
            NotificationTitles.Captured(patient.PreferredLanguage, e.AmountMinor, e.Currency, e.Reason, await DependantNameAsync(patient, ct)),
            $"/patient/appointments/{e.AppointmentId}", e.EventId, ct);
    }

    private async Task<string> DoctorNameAsync(Guid doctorId, CancellationToken ct) =>
        (await directory.FindDoctorsAsync(new DoctorFilter(DoctorId: doctorId, ActiveOnly: false), ct)).FirstOrDefault()?.DisplayName ?? "";

    /// <summary>
    /// The booked clinic's zone, read as every module reads it (<see cref="ClinicTimeZone.Find"/>: a damaged stored zone throws, and
    /// the event is retried once it is fixed, rather than telling the patient a time in UTC). UTC only for a clinic no longer in the
    /// directory, whose titles then say the time in UTC rather than in no zone at all.
    /// </summary>
    private async Task<TimeZoneInfo> ZoneAsync(Guid clinicId, CancellationToken ct) =>
        (await directory.GetClinicsAsync(ct)).FirstOrDefault(c => c.ClinicId == clinicId) is { } clinic ? ClinicTimeZone.Find(clinic.TimeZone) : TimeZoneInfo.Utc;

    private static DateTime Local(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
}
