using System.Security.Cryptography;
using System.Text.Json;

namespace Telemed.Modules.Clinical.Prescriptions;

/// <summary>
/// The exact bytes a prescription's signature covers: UTF-8 JSON with a fixed property order and a versioned type tag
/// (like <c>ProtocolCanonicalForm</c>): ids, the medicine as prescribed, the dosage, the dispense request, the verification
/// code and the validity. Any change to one of them — in a plain column or inside the encrypted content — changes the bytes.
/// </summary>
internal static class PrescriptionCanonicalForm
{
    public const string PrescriptionType = "telemed.prescription/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    private sealed record PrescriptionDocument(string Type, Guid PrescriptionId, Guid ConsultationId, Guid PatientId, Guid PrescriberUserId,
        PrescribedMedicine Medication, DosageInstruction DosageInstruction, DispenseRequest DispenseRequest, string? VerificationCode, string? ValidUntil);

    public static byte[] Of(Prescription p) => Of(p, p.VerificationCode, p.ValidUntil);

    /// <summary>
    /// The bytes <paramref name="p"/> will have once signed with <paramref name="verificationCode"/> and <paramref name="validUntil"/>,
    /// computed without changing it: the signature is made before the aggregate changes, so a save the signing provider makes
    /// meanwhile (a doctor's first credential) carries nothing of the prescription.
    /// </summary>
    public static byte[] Of(Prescription p, string? verificationCode, DateTime? validUntil)
    {
        var content = p.Content;
        return JsonSerializer.SerializeToUtf8Bytes(new PrescriptionDocument(PrescriptionType, p.Id, p.ConsultationId, p.PatientId, p.PrescriberUserId,
            content.Medication, content.DosageInstruction, content.DispenseRequest, verificationCode,
            validUntil?.ToString("yyyy-MM-ddTHH:mm:ssZ")), Json);
    }
}

/// <summary>
/// Verification codes printed as the prescription's QR code: 20 characters of RFC 4648 base32 (100 random bits), no PHI,
/// unguessable, compared case-insensitively.
/// </summary>
internal static class VerificationCodes
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[20];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[bytes[i] & 31];
        }

        return new string(chars);
    }

    public static string Normalise(string code) => code.Trim().ToUpperInvariant();
}

/// <summary>
/// How long a signed prescription may be dispensed: 60 days from signing, the validity of an ordinary prescription form
/// in Russia (Ministry of Health order 1094n, form 107-1/u) and a common default elsewhere.
/// </summary>
internal static class PrescriptionValidity
{
    public static readonly TimeSpan Default = TimeSpan.FromDays(60);
    public const string Source = "Ministry of Health of Russia order 1094n (form 107-1/u: 60 days)";
}
