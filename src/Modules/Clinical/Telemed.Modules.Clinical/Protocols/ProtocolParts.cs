using System.Text.Json.Serialization;

namespace Telemed.Modules.Clinical.Protocols;

/// <summary>Whether a diagnosis is the main reason for the visit (FHIR Encounter.diagnosis.rank 1) or one of the others.</summary>
[JsonConverter(typeof(Telemed.BuildingBlocks.Http.NamedEnumConverter<DiagnosisRole>))]
public enum DiagnosisRole { Primary, Secondary }

/// <summary>FHIR Condition.verificationStatus: provisional (preliminary) or confirmed.</summary>
[JsonConverter(typeof(Telemed.BuildingBlocks.Http.NamedEnumConverter<DiagnosisCertainty>))]
public enum DiagnosisCertainty { Preliminary, Confirmed }

/// <summary>What a referral asks for (a FHIR ServiceRequest's category): another specialist, an in-person visit, or lab tests.</summary>
[JsonConverter(typeof(Telemed.BuildingBlocks.Http.NamedEnumConverter<ReferralKind>))]
public enum ReferralKind { Specialist, InPersonVisit, LabTest }

/// <summary>A diagnosis in the protocol: an ICD-10 code from the catalogue (written with its dot) and the catalogue's title.</summary>
public sealed record ProtocolDiagnosis(string Code, string Title, DiagnosisRole Role, DiagnosisCertainty Certainty);

/// <summary>
/// A referral: its kind, what it names (a specialty code for <see cref="ReferralKind.Specialist"/>, a test name or a LOINC code
/// from the lab catalogue for <see cref="ReferralKind.LabTest"/>, free text otherwise; ≤ 200 characters; see
/// <see cref="ProtocolRules.ReferralTargetsAreKnownCodes"/>) and a note for the patient (≤ 1,000).
/// </summary>
public sealed record ProtocolReferral(ReferralKind Kind, string Target, string? Note);
