using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Telemed.BuildingBlocks.Security;

namespace Telemed.Modules.Audit.Trail;

/// <summary>
/// Stores the trail's free text (break-glass reasons, actor names) AES-256-GCM encrypted. Rows written before
/// the text was encrypted are read as they are (and re-encrypted at start-up by <see cref="LegacyAuditTextEncryption"/>);
/// the hash chain covers the plaintext, so a stored value altered either way still fails verification.
/// </summary>
internal sealed class AuditTextConverter(string purpose) : ValueConverter<string?, string?>(
    plain => plain == null ? null : FieldEncryptionRouting.ForEncrypting().Encrypt(plain, purpose),
    stored => stored == null ? null : Read(stored, purpose))
{
    internal static bool LooksEncrypted(string stored) => stored.StartsWith("v1.", StringComparison.Ordinal) && stored.Split('.', 3).Length == 3;

    private static string Read(string stored, string purpose)
    {
        if (!LooksEncrypted(stored))
        {
            return stored;
        }

        try
        {
            return FieldEncryptionRouting.ForDecrypting(FieldEncryption.KeyIdOf(stored)).Decrypt(stored, purpose);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            // Either legacy plaintext that happens to start with "v1." or a tampered value: the chain verification tells which.
            return stored;
        }
    }
}
