using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Telemed.BuildingBlocks.Security;

/// <summary>
/// Finds the <see cref="FieldEncryption"/> an encrypted column's value converter uses. Converters are part of EF's model,
/// and the model is built once per context type and database provider and shared by every host in the process (see
/// <c>DatabaseSetup.SharedModelCache</c>), so a converter cannot hold one host's keys.
/// </summary>
/// <remarks>
/// A deployed process runs one host, whose encryption is the only one loaded. Test processes run many hosts at once with
/// different keys: there a context marks its host's encryption as this flow's (<see cref="UseInThisFlow"/>) when it is
/// created and again when it saves, which covers every write; a read finds its key by the id every ciphertext carries.
/// Sharing the model is what keeps EF from building 16 models and compiling every query again for each test host.
/// </remarks>
public static class FieldEncryptionRouting
{
    private static readonly AsyncLocal<FieldEncryption?> FlowEncryption = new();
    private static readonly ConcurrentDictionary<FieldEncryption, byte> Loaded = new(ReferenceEqualityComparer.Instance);

    /// <summary>Makes <paramref name="encryption"/> the one this async flow (and what it calls) encrypts with.</summary>
    public static void UseInThisFlow(FieldEncryption encryption)
    {
        // Setting an AsyncLocal copies the execution context: skip it when the flow already has this host's.
        if (!ReferenceEquals(FlowEncryption.Value, encryption))
        {
            FlowEncryption.Value = encryption;
        }
    }

    internal static void Register(FieldEncryption encryption) => Loaded.TryAdd(encryption, 0);

    /// <summary>The encryption that encrypts a new value here.</summary>
    /// <exception cref="InvalidOperationException">No host's keys are loaded, or several are and this flow names none.</exception>
    public static FieldEncryption ForEncrypting()
    {
        if (FlowEncryption.Value is { } flow)
        {
            return flow;
        }

        using var loaded = Loaded.Keys.GetEnumerator();
        if (!loaded.MoveNext())
        {
            throw new InvalidOperationException("Encryption keys are not loaded yet.");
        }

        var only = loaded.Current;
        return loaded.MoveNext()
            ? throw new InvalidOperationException("Several hosts' keys are loaded in this process and this flow has not named its host's (FieldEncryptionRouting.UseInThisFlow).")
            : only;
    }

    /// <summary>The encryption holding data key <paramref name="keyId"/>: this flow's if it has it, else any loaded one.</summary>
    /// <exception cref="CryptographicException">No loaded encryption has the key.</exception>
    public static FieldEncryption ForDecrypting(string keyId)
    {
        if (FlowEncryption.Value is { } flow && flow.HasDataKey(keyId))
        {
            return flow;
        }

        foreach (var encryption in Loaded.Keys)
        {
            if (encryption.HasDataKey(keyId))
            {
                return encryption;
            }
        }

        throw new CryptographicException($"Data key {keyId} is not available.");
    }
}
