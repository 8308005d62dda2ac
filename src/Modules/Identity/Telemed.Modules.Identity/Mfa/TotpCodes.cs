using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Telemed.Modules.Identity.Mfa;

/// <summary>
/// The authenticator-app rule (RFC 6238: HMAC-SHA1, 30-second steps, six digits) with one addition: a code is
/// accepted only for a time step later than the last one this user already used, so a code seen over a
/// shoulder, in a proxy log or by a second tab cannot be played again.
/// </summary>
internal static class TotpCodes
{
    /// <summary>Length of one time step, in seconds.</summary>
    public const int StepSeconds = 30;

    /// <summary>
    /// How many steps either side of the server's own step are still accepted (phones drift, people type slowly):
    /// two, as ASP.NET Core Identity's authenticator provider does, i.e. codes up to 60 s early or late.
    /// </summary>
    public const int AllowedDriftSteps = 2;

    /// <summary>The RFC 6238 time step containing <paramref name="at"/> (seconds since the Unix epoch / 30).</summary>
    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The six-digit code of <paramref name="key"/> (raw key bytes) for time step <paramref name="step"/>.</summary>
    public static string CodeFor(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The time step a code is accepted for: the newest step within <see cref="AllowedDriftSteps"/> of
    /// <paramref name="now"/> whose code it is and which is later than <paramref name="lastUsedStep"/>; null when
    /// the code is malformed, wrong, too old or too new, or belongs to a step already used (a replay).
    /// </summary>
    public static long? AcceptedStep(byte[] key, string? code, DateTimeOffset now, long? lastUsedStep)
    {
        var digits = code?.Replace(" ", "", StringComparison.Ordinal);
        if (digits is not { Length: 6 } || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var current = StepAt(now);
        for (var step = current + AllowedDriftSteps; step >= current - AllowedDriftSteps; step--)
        {
            if (step > (lastUsedStep ?? long.MinValue) && CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(CodeFor(key, step)), System.Text.Encoding.ASCII.GetBytes(digits)))
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>Decodes the Base32 (RFC 4648) shared key that authenticator apps are given; null when it is not Base32.</summary>
    public static byte[]? DecodeKey(string? base32Key)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        if (string.IsNullOrWhiteSpace(base32Key))
        {
            return null;
        }

        var output = new List<byte>(base32Key.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in base32Key.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant())
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return output.ToArray();
    }
}
