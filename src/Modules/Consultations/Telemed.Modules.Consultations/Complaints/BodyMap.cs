namespace Telemed.Modules.Consultations.Complaints;

public sealed record BodyRegion(string Code, string View, string Label);

public sealed record SymptomOption(string Code, string Label);

/// <summary>The body map's regions (front and back views) and the associated symptoms a complaint form can name.</summary>
public static class BodyMap
{
    public static IReadOnlyList<BodyRegion> Regions { get; } =
    [
        new("head", "front", "Head"), new("face", "front", "Face"), new("neck", "front", "Neck"), new("chest", "front", "Chest"),
        new("upper-abdomen", "front", "Upper abdomen"), new("lower-abdomen", "front", "Lower abdomen"), new("pelvis", "front", "Pelvis"),
        new("left-shoulder", "front", "Left shoulder"), new("right-shoulder", "front", "Right shoulder"),
        new("left-arm", "front", "Left arm"), new("right-arm", "front", "Right arm"),
        new("left-hand", "front", "Left hand"), new("right-hand", "front", "Right hand"),
        new("left-thigh", "front", "Left thigh"), new("right-thigh", "front", "Right thigh"),
        new("left-knee", "front", "Left knee"), new("right-knee", "front", "Right knee"),
        new("left-lower-leg", "front", "Left lower leg"), new("right-lower-leg", "front", "Right lower leg"),
        new("left-foot", "front", "Left foot"), new("right-foot", "front", "Right foot"),
        new("back-of-head", "back", "Back of the head"), new("upper-back", "back", "Upper back"), new("lower-back", "back", "Lower back"),
        new("buttocks", "back", "Buttocks"), new("left-back-thigh", "back", "Back of the left thigh"),
        new("right-back-thigh", "back", "Back of the right thigh"), new("left-calf", "back", "Left calf"), new("right-calf", "back", "Right calf"),
    ];

    public static IReadOnlyList<SymptomOption> Symptoms { get; } =
    [
        new(Symptom.ShortnessOfBreath, "Shortness of breath"), new(Symptom.FaceDrooping, "Face drooping on one side"),
        new(Symptom.ArmWeakness, "Arm or leg weakness"), new(Symptom.SpeechDifficulty, "Difficulty speaking"),
        new(Symptom.HeavyBleeding, "Heavy bleeding that does not stop"), new(Symptom.Fainting, "Fainting"),
        new(Symptom.Confusion, "Confusion"), new(Symptom.SuddenSevereHeadache, "Sudden, severe headache"),
        new(Symptom.Fever, "Fever"), new(Symptom.Cough, "Cough"), new(Symptom.Nausea, "Nausea"), new(Symptom.Vomiting, "Vomiting"),
        new(Symptom.Dizziness, "Dizziness"), new(Symptom.Rash, "Rash"), new(Symptom.Palpitations, "Palpitations"),
        new(Symptom.Sweating, "Sweating"), new(Symptom.SoreThroat, "Sore throat"), new(Symptom.Diarrhoea, "Diarrhoea"),
        new(Symptom.VisionChanges, "Vision changes"), new(Symptom.Numbness, "Numbness"),
    ];

    private static readonly HashSet<string> RegionCodes = Regions.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
    private static readonly HashSet<string> SymptomCodes = Symptoms.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
    private static readonly Dictionary<string, string> RegionLabels = Regions.ToDictionary(r => r.Code, r => r.Label, StringComparer.Ordinal);
    private static readonly Dictionary<string, string> SymptomLabels = Symptoms.ToDictionary(s => s.Code, s => s.Label, StringComparer.Ordinal);

    public static bool IsRegion(string? code) => code is not null && RegionCodes.Contains(code);

    public static bool IsSymptom(string? code) => code is not null && SymptomCodes.Contains(code);

    public static string RegionLabel(string code) => RegionLabels.GetValueOrDefault(code, code);

    public static string SymptomLabel(string code) => SymptomLabels.GetValueOrDefault(code, code);
}

public static class Symptom
{
    public const string ShortnessOfBreath = "shortnessOfBreath";
    public const string FaceDrooping = "faceDrooping";
    public const string ArmWeakness = "armWeakness";
    public const string SpeechDifficulty = "speechDifficulty";
    public const string HeavyBleeding = "heavyBleeding";
    public const string Fainting = "fainting";
    public const string Confusion = "confusion";
    public const string SuddenSevereHeadache = "suddenSevereHeadache";
    public const string Fever = "fever";
    public const string Cough = "cough";
    public const string Nausea = "nausea";
    public const string Vomiting = "vomiting";
    public const string Dizziness = "dizziness";
    public const string Rash = "rash";
    public const string Palpitations = "palpitations";
    public const string Sweating = "sweating";
    public const string SoreThroat = "soreThroat";
    public const string Diarrhoea = "diarrhoea";
    public const string VisionChanges = "visionChanges";
    public const string Numbness = "numbness";
}
