using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>RFC 6238 codes, as an authenticator app computes them from the shared key.</summary>
/// <remarks>
/// The server accepts each time step's code once per user (replay protection), within
/// <see cref="AcceptedDriftSteps"/> steps either side of its device clock. Clients that sign the same account in
/// several times take codes through <see cref="NextCodeAsync"/>, which hands out each step once per account and
/// database. When the window is used up it moves the database's device clock (<see cref="DeviceNow"/>, which test
/// hosts give the server) 30 s on, as the phone's clock would after half a minute; a server without that clock
/// (a separate process) is waited for instead. Suites sign the same doctors in dozens of times a minute: waiting
/// cost CI tens of minutes.
/// </remarks>
public static class Totp
{
    /// <summary>Steps of drift the server accepts either side of its own (Identity's Mfa/TotpCodes.AllowedDriftSteps).</summary>
    public const int AcceptedDriftSteps = 2;

    private const int StepSeconds = 30;
    private static readonly Dictionary<(string Scope, string Key), long> LastStepUsed = [];
    private static readonly Dictionary<string, long> DeviceClockOffsetSteps = [];

    /// <summary>
    /// Lets <see cref="NextCodeAsync"/> move the device clock of database <paramref name="scope"/> on instead of waiting:
    /// called by a test host that gives its server <see cref="DeviceNow"/> as the device clock (TotpDeviceClock).
    /// </summary>
    public static void UseMovableDeviceClock(string scope)
    {
        lock (LastStepUsed)
        {
            DeviceClockOffsetSteps.TryAdd(scope, 0);
        }
    }

    /// <summary>The device clock of database <paramref name="scope"/>: the wall clock plus the steps it was moved on.</summary>
    public static DateTimeOffset DeviceNow(string scope)
    {
        lock (LastStepUsed)
        {
            return DateTimeOffset.UtcNow.AddSeconds(DeviceClockOffsetSteps.GetValueOrDefault(scope) * StepSeconds);
        }
    }

    /// <summary>
    /// A code for a time step this process has not used yet for <paramref name="base32Key"/> in
    /// <paramref name="scope"/> (the database the account lives in: one server's users). Uses steps from one
    /// behind the current one (still accepted if the step rolls over in flight) to two ahead; when all are used,
    /// moves the database's device clock on a step, or, without one, waits (at most 30 s) until the next step opens.
    /// </summary>
    public static async Task<string> NextCodeAsync(string scope, string base32Key)
    {
        while (true)
        {
            var now = DeviceNow(scope);
            var current = now.ToUnixTimeSeconds() / StepSeconds;
            lock (LastStepUsed)
            {
                var step = Math.Max(current - 1, LastStepUsed.TryGetValue((scope, base32Key), out var last) ? last + 1 : long.MinValue);
                if (step <= current + AcceptedDriftSteps)
                {
                    LastStepUsed[(scope, base32Key)] = step;
                    return Code(base32Key, DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds));
                }

                if (DeviceClockOffsetSteps.TryGetValue(scope, out var offset))
                {
                    DeviceClockOffsetSteps[scope] = offset + 1;
                    continue;
                }
            }

            await Task.Delay(DateTimeOffset.FromUnixTimeSeconds((current + 1) * StepSeconds) - now + TimeSpan.FromMilliseconds(50));
        }
    }

    public static string Code(string base32Key, DateTimeOffset at)
    {
        var key = Base32Decode(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32Decode(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in input.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
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
