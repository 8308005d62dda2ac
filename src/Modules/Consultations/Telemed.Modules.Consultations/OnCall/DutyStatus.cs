namespace Telemed.Modules.Consultations.OnCall;

/// <summary>Whether a doctor takes on-demand requests now, and for which specialties (copied from the directory when they go on duty).</summary>
internal sealed class DutyStatus
{
    private DutyStatus()
    {
    }

    public Guid DoctorUserId { get; private set; }
    public Guid DoctorId { get; private set; }
    public string Specialties { get; private set; } = "";
    public bool OnDuty { get; private set; }
    public DateTime Since { get; private set; }

    public IReadOnlyList<string> SpecialtyList => Specialties.Split('|', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Rule: a doctor takes a request only of a specialty they practise, escalated or not.</summary>
    public static bool CanTake(IEnumerable<string> doctorSpecialties, string requestSpecialty) =>
        doctorSpecialties.Contains(requestSpecialty, StringComparer.OrdinalIgnoreCase);

    public static DutyStatus For(Guid doctorUserId, Guid doctorId) => new() { DoctorUserId = doctorUserId, DoctorId = doctorId };

    public void Set(bool onDuty, IReadOnlyList<string> specialties, DateTime now)
    {
        if (OnDuty != onDuty)
        {
            Since = now;
        }

        OnDuty = onDuty;
        Specialties = string.Join('|', specialties);
    }
}
