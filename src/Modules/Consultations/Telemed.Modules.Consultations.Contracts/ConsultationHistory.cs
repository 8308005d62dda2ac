namespace Telemed.Modules.Consultations.Contracts;

/// <summary>
/// One consultation or conversation of a patient for the record timeline: <paramref name="Kind"/> is "consultation" or
/// "conversation"; <paramref name="OccurredAt"/> a UTC instant (start, else scheduled start, else creation); the title is the
/// specialty or the conversation's subject; the detail the complaint summary.
/// </summary>
public sealed record PatientHistoryItem(string Kind, Guid Id, DateTime OccurredAt, string Title, string? Detail, string Status);

/// <summary>The consultations module's history of a patient, for the records module's timeline.</summary>
public interface IConsultationHistory
{
    /// <summary>The patient's consultations and conversations, any order. No access check: the caller has made it.</summary>
    Task<IReadOnlyList<PatientHistoryItem>> HistoryOfAsync(Guid patientId, CancellationToken cancellationToken = default);
}
