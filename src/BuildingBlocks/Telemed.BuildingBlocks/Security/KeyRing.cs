using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Telemed.BuildingBlocks.Security;

/// <summary>
/// Loads the envelope keys at start-up: master keys from configuration (or a generated development
/// file), data keys from the database, unwrapped in memory only. Rotation adds a new active data key.
/// </summary>
public sealed class KeyRing(IServiceProvider services, IOptions<EncryptionOptions> options, FieldEncryption encryption, TimeProvider clock, ILogger<KeyRing> logger)
{
    private sealed record DevelopmentKeys(string MasterKeyId, string MasterKey, string BlindIndexKey);

    public async Task LoadAsync(string dataDirectory, CancellationToken ct = default)
    {
        var (masterKeys, activeMasterKeyId, blindIndexKey) = ResolveMasterKeys(dataDirectory);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecurityDbContext>();
        var stored = await db.DataKeys.AsNoTracking().ToListAsync(ct);
        if (stored.All(k => k.RetiredAt is not null))
        {
            stored.Add(await CreateDataKeyAsync(db, masterKeys[activeMasterKeyId], activeMasterKeyId, ct));
        }

        var unwrapped = stored.Select(k => KeyValuePair.Create(k.Id, FieldEncryption.Unwrap(
            masterKeys.TryGetValue(k.MasterKeyId, out var mk) ? mk : throw new CryptographicException($"Master key {k.MasterKeyId} is not configured."),
            k.WrappedKey, k.Id)));
        var active = stored.Where(k => k.RetiredAt is null).OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id, StringComparer.Ordinal).First();
        encryption.Load(unwrapped, active.Id, blindIndexKey);
    }

    /// <summary>Retires the active data key and makes a new one; old ciphertexts stay readable.</summary>
    public async Task<string> RotateDataKeyAsync(string dataDirectory, CancellationToken ct = default)
    {
        var (masterKeys, activeMasterKeyId, _) = ResolveMasterKeys(dataDirectory);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecurityDbContext>();
        foreach (var key in await db.DataKeys.Where(k => k.RetiredAt == null).ToListAsync(ct))
        {
            key.RetiredAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(ct);
        var created = await CreateDataKeyAsync(db, masterKeys[activeMasterKeyId], activeMasterKeyId, ct);
        await LoadAsync(dataDirectory, ct);
        return created.Id;
    }

    private async Task<DataKey> CreateDataKeyAsync(SecurityDbContext db, byte[] masterKey, string masterKeyId, CancellationToken ct)
    {
        var id = $"dk-{clock.GetUtcNow():yyyyMMddHHmmss}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
        var dataKey = new DataKey
        {
            Id = id,
            MasterKeyId = masterKeyId,
            WrappedKey = FieldEncryption.Wrap(masterKey, RandomNumberGenerator.GetBytes(32), id),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.DataKeys.Add(dataKey);
        await db.SaveChangesAsync(ct);
        return dataKey;
    }

    private (Dictionary<string, byte[]> MasterKeys, string ActiveId, byte[] BlindIndexKey) ResolveMasterKeys(string dataDirectory)
    {
        var configured = options.Value;
        if (configured.MasterKeys.Count > 0)
        {
            var keys = configured.MasterKeys.ToDictionary(kv => kv.Key, kv => Convert.FromBase64String(kv.Value), StringComparer.Ordinal);
            var activeId = configured.ActiveMasterKeyId ?? keys.Keys.Order(StringComparer.Ordinal).Last();
            var blind = configured.BlindIndexKey is { Length: > 0 } b ? Convert.FromBase64String(b)
                : throw new InvalidOperationException("Encryption:BlindIndexKey is required when master keys are configured.");
            return (keys, activeId, blind);
        }

        if (!configured.AllowDevelopmentKeys)
        {
            throw new InvalidOperationException("No encryption master key is configured (Encryption:MasterKeys). Refusing to start outside Development.");
        }

        var path = Path.Combine(dataDirectory, "development-keys.json");
        DevelopmentKeys dev;
        if (File.Exists(path))
        {
            dev = JsonSerializer.Deserialize<DevelopmentKeys>(File.ReadAllText(path))!;
        }
        else
        {
            dev = new DevelopmentKeys("dev-1", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            File.WriteAllText(path, JsonSerializer.Serialize(dev));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        logger.LogWarning("!!! DEVELOPMENT ENCRYPTION KEY in {Path}: for development only. Configure Encryption:MasterKeys in production. !!!", path);
        return (new Dictionary<string, byte[]>(StringComparer.Ordinal) { [dev.MasterKeyId] = Convert.FromBase64String(dev.MasterKey) }, dev.MasterKeyId, Convert.FromBase64String(dev.BlindIndexKey));
    }
}
