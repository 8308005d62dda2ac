namespace Telemed.CrashBench;

/// <summary>A demo doctor and the clinic the bench books them at.</summary>
internal sealed record Doctor(Guid Id, Guid ClinicId);

/// <summary>A chatting patient and the care-team conversation they write into.</summary>
internal sealed record Chatter(Account Patient, Guid ConversationId);

/// <summary>
/// The simulated users and what they need, prepared once per database: the demo doctors bookable around the clock in 5-minute
/// video slots (so a long run never runs out of free slots), patients signed in, one conversation per chatting patient.
/// </summary>
internal sealed class Workload
{
    /// <summary>The demo patients (Telemed.Host.Demo.DemoData): they sign in with the password alone.</summary>
    private static readonly string[] PatientEmails =
    [
        "ivan.kuznetsov", "elena.popova", "mikhail.vasiliev", "svetlana.pavlova", "andrei.semenov", "tatiana.golubeva", "nikolai.vinogradov",
        "anastasia.bogdanova", "oliver.grant", "sophie.turner", "roman.fedorov", "yulia.mikhailova", "artem.belov", "daria.komarova",
        "viktor.zaitsev", "ksenia.orekhova", "grigory.tarasov", "emily.watson", "boris.kovalev", "alina.sharova",
    ];

    /// <summary>Length of every bench slot, minutes (the smallest the API allows: the most slots per doctor and day).</summary>
    public const int SlotMinutes = 5;

    public required IReadOnlyList<Doctor> Doctors { get; init; }
    public required IReadOnlyList<Account> Bookers { get; init; }
    public required IReadOnlyList<Chatter> Chatters { get; init; }
    /// <summary>Slot k is doctor k mod D at <c>FirstSlot + (k div D) × 5 min</c> (UTC).</summary>
    public required DateTime FirstSlot { get; init; }

    public static async Task<Workload> PrepareAsync(string baseUrl, int bookers, int chatters)
    {
        // The front desk may set any doctor's hours (staff sign in with TOTP from the demo key).
        var desk = new Account("frontdesk@demo.telemed.dev", staff: true);
        await desk.SignInAsync(baseUrl);
        using var deskHttp = Api.NewClient(baseUrl, desk.Token);
        var page = await Api.SendAsync(deskHttp, HttpMethod.Get, "/api/v1/doctors?pageSize=50");
        var doctors = page.GetProperty("items").EnumerateArray()
            .Select(d => new Doctor(d.GetProperty("id").GetGuid(), d.GetProperty("clinics")[0].GetProperty("id").GetGuid())).ToList();
        string[] days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
        foreach (var doctor in doctors)
        {
            // Around the clock at one clinic, 5-minute video visits, bookable from an hour ahead to a year ahead.
            await Api.SendAsync(deskHttp, HttpMethod.Put, $"/api/v1/scheduling/doctors/{doctor.Id}/availability", new
            {
                weeklyHours = days.Select(day => new { clinicId = doctor.ClinicId, dayOfWeek = day, start = "00:00", end = "24:00" }),
                appointmentTypes = new[]
                {
                    new { kind = "video", durationMinutes = SlotMinutes, bufferBeforeMinutes = 0, bufferAfterMinutes = 0, minimumNoticeMinutes = 60, maximumHorizonDays = 365, enabled = true },
                },
            });
        }

        var patients = Enumerable.Range(0, bookers + chatters)
            .Select(i => new Account(PatientEmails[i % PatientEmails.Length] + "@demo.telemed.dev", staff: false)).ToList();
        // A patient used twice (more clients than demo patients) shares one account object, so one token.
        var distinct = patients.DistinctBy(p => p.Email).ToDictionary(p => p.Email);
        patients = patients.Select(p => distinct[p.Email]).ToList();
        await Task.WhenAll(distinct.Values.Select(p => p.SignInAsync(baseUrl)));

        var chatterList = new List<Chatter>();
        for (var i = 0; i < chatters; i++)
        {
            var patient = patients[bookers + i];
            using var http = Api.NewClient(baseUrl, patient.Token);
            var conversation = await Api.SendAsync(http, HttpMethod.Post, "/api/v1/consultations/conversations",
                new { doctorId = doctors[i % doctors.Count].Id, subject = $"Crash bench thread {i + 1}", body = "Hello, doctor: a question about my results." });
            chatterList.Add(new Chatter(patient, conversation.GetProperty("id").GetGuid()));
        }

        var today = DateTime.UtcNow.Date;
        Console.WriteLine($"   {doctors.Count} doctors bookable around the clock in {SlotMinutes}-min video slots; {bookers} booking and {chatters} chatting patients signed in");
        return new Workload
        {
            Doctors = doctors,
            Bookers = patients.Take(bookers).ToList(),
            Chatters = chatterList,
            FirstSlot = today.AddDays(2),
        };
    }

    /// <summary>The k-th slot of the run: every slot is handed out once, except the deliberate races.</summary>
    public (Doctor Doctor, DateTime Start) Slot(long k) => (Doctors[(int)(k % Doctors.Count)], FirstSlot.AddMinutes(SlotMinutes * (k / Doctors.Count)));
}
