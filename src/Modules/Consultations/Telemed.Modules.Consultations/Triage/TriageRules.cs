using Telemed.Modules.Consultations.Complaints;

namespace Telemed.Modules.Consultations.Triage;

/// <summary>Ordered from most to least urgent; the order is the queue's priority.</summary>
public enum TriageLevel { Emergency, Urgent, Standard, Routine }

public sealed record FiredRule(string Code, string Title, TriageLevel Level, string Source);

public sealed record TriageResult(TriageLevel Level, string Advice, IReadOnlyList<FiredRule> FiredRules)
{
    public bool IsEmergency => Level == TriageLevel.Emergency;
}

/// <summary>
/// Rule-based, explainable triage of a complaint form. Each rule names its clinical source; the result is
/// the most urgent level any rule reached, with every rule that fired. Red flags send the patient to the
/// emergency services and never to a queue. This is decision support for routing, not a diagnosis;
/// a clinician reviews the rules before a clinic goes live (docs/triage.md).
/// </summary>
public static class TriageRules
{
    private sealed record Rule(string Code, string Title, TriageLevel Level, string Source, Func<ComplaintForm, bool> Applies);

    private static readonly string[] ChestPainRadiation = ["left-arm", "right-arm", "neck", "face", "left-shoulder", "upper-back"];

    private static readonly IReadOnlyList<Rule> Rules =
    [
        // Emergency: advise emergency services at once.
        new("chest-pain-with-breathlessness", "Chest pain with shortness of breath", TriageLevel.Emergency,
            "NICE CG95 Recent-onset chest pain of suspected cardiac origin, 1.1.1.1 (refer immediately); ESC 2023 ACS guidelines",
            f => f.HasChestPain && f.Has(Symptom.ShortnessOfBreath)),
        new("chest-pain-radiating-with-autonomic-signs", "Chest pain spreading to the arm, neck, jaw or back with sweating or nausea", TriageLevel.Emergency,
            "NICE CG95 1.1.1.1 and 1.1.2.1 (features of acute coronary syndrome)",
            f => f.HasChestPain && f.AffectsAny(ChestPainRadiation) && (f.Has(Symptom.Sweating) || f.Has(Symptom.Nausea) || f.Has(Symptom.Vomiting))),
        new("stroke-signs", "Signs of stroke: face drooping, arm weakness or speech difficulty (FAST)", TriageLevel.Emergency,
            "NICE NG128 Stroke and TIA, 1.1.1 (FAST outside hospital); NHS 'Stroke: symptoms'",
            f => f.Has(Symptom.FaceDrooping) || f.Has(Symptom.ArmWeakness) || f.Has(Symptom.SpeechDifficulty)),
        new("severe-bleeding", "Heavy bleeding that does not stop", TriageLevel.Emergency,
            "ERC Guidelines 2021: First aid (life-threatening bleeding); NHS 'When to call 999'",
            f => f.Has(Symptom.HeavyBleeding)),
        new("thunderclap-headache", "Sudden, severe headache that began within hours", TriageLevel.Emergency,
            "NICE NG228 Subarachnoid haemorrhage, 1.1.1 (thunderclap headache); NICE CG150 Headaches, 1.1.1",
            f => f.Has(Symptom.SuddenSevereHeadache) && f.Duration is ComplaintDuration.UnderAnHour or ComplaintDuration.Hours),
        new("fever-with-confusion", "Fever with new confusion (possible sepsis)", TriageLevel.Emergency,
            "NICE NG51 Sepsis, 1.4 (high-risk criteria: new altered mental state)",
            f => f.Has(Symptom.Fever) && f.Has(Symptom.Confusion)),
        new("fainting-with-chest-pain-or-palpitations", "Fainting with chest pain or palpitations", TriageLevel.Emergency,
            "NICE CG109 Transient loss of consciousness, 1.1.4.1 (red flags for cardiac syncope)",
            f => f.Has(Symptom.Fainting) && (f.HasChestPain || f.Has(Symptom.Palpitations))),

        // Urgent: seen first in the queue.
        new("severe-pain", "Severe pain (8–10 out of 10)", TriageLevel.Urgent,
            "Manchester Triage System, pain scale: severe pain is very urgent",
            f => f.Severity >= 8),
        new("chest-pain", "Chest pain", TriageLevel.Urgent,
            "NICE CG95 1.1.1.3 (chest pain within 72 hours: same-day assessment)",
            f => f.HasChestPain),
        new("breathlessness", "Shortness of breath", TriageLevel.Urgent,
            "NICE CKS Breathlessness (assess urgently when acute)",
            f => f.Has(Symptom.ShortnessOfBreath)),
        new("new-confusion-or-fainting", "Confusion or fainting", TriageLevel.Urgent,
            "NICE CG109 1.1.1; NICE NG51 1.1 (think sepsis or a serious cause)",
            f => f.Has(Symptom.Confusion) || f.Has(Symptom.Fainting)),
        new("fever-with-vomiting", "Fever with vomiting", TriageLevel.Urgent,
            "NICE NG143 Fever in under 5s / NICE NG51 1.1 (signs of a serious infection)",
            f => f.Has(Symptom.Fever) && f.Has(Symptom.Vomiting)),

        // Standard and routine.
        new("recent-moderate-problem", "A recent problem of moderate severity", TriageLevel.Standard,
            "Clinic policy: new problems within a week are seen the same day",
            f => f.Severity >= 4 && f.Duration is ComplaintDuration.UnderAnHour or ComplaintDuration.Hours or ComplaintDuration.Days),
        new("long-standing-mild-problem", "A long-standing, mild problem", TriageLevel.Routine,
            "Clinic policy: stable problems of weeks or months with mild symptoms are routine",
            f => f.Severity <= 3 && f.Duration is ComplaintDuration.Weeks or ComplaintDuration.Months),
    ];

    private static readonly FiredRule DefaultStandard = new("no-red-flags", "No red flags or urgent features", TriageLevel.Standard,
        "Clinic policy: without urgent features a request is standard");

    /// <summary>Every rule with its level and source, for the documentation page and the clinicians who review them.</summary>
    public static IReadOnlyList<FiredRule> Catalogue => [.. Rules.Select(r => new FiredRule(r.Code, r.Title, r.Level, r.Source)), DefaultStandard];

    public static TriageResult Assess(ComplaintForm form)
    {
        var fired = Rules.Where(r => r.Applies(form)).Select(r => new FiredRule(r.Code, r.Title, r.Level, r.Source)).ToList();
        if (fired.Count == 0)
        {
            fired.Add(DefaultStandard);
        }

        var level = fired.Min(r => r.Level);
        return new TriageResult(level, AdviceFor(level), fired);
    }

    public static string AdviceFor(TriageLevel level) => level switch
    {
        TriageLevel.Emergency => "Call emergency services now (112, or 911 in North America, 103 in Russia), or go to the nearest emergency department. Do not wait for an online consultation.",
        TriageLevel.Urgent => "A doctor will see you before standard requests. If you get worse while waiting, call emergency services.",
        TriageLevel.Standard => "A doctor will see you in turn.",
        _ => "Your request is routine; a doctor will see you in turn.",
    };
}
