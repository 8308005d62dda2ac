using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Telemed.BuildingBlocks.Security;

/// <summary>
/// Field-level AES-256-GCM. A value is stored as <c>v1.{dataKeyId}.{base64(nonce|tag|ciphertext)}</c>, so
/// the key that wrote it is known when keys rotate. The field's purpose (entity.property) is the
/// associated data: a ciphertext copied into another column does not decrypt.
/// </summary>
public sealed class FieldEncryption
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] FileMagic = "TMF1"u8.ToArray();
    private readonly ConcurrentDictionary<string, byte[]> _dataKeys = new(StringComparer.Ordinal);
    private string? _activeKeyId;
    private byte[]? _blindIndexKey;

    public bool IsReady => _activeKeyId is not null;

    public string ActiveKeyId => _activeKeyId ?? throw new InvalidOperationException("Encryption keys are not loaded yet.");

    public void Load(IEnumerable<KeyValuePair<string, byte[]>> dataKeys, string activeKeyId, byte[] blindIndexKey)
    {
        foreach (var (id, key) in dataKeys)
        {
            if (key.Length != 32)
            {
                throw new CryptographicException($"Data key {id} is not 256 bits.");
            }

            _dataKeys[id] = key;
        }

        if (!_dataKeys.ContainsKey(activeKeyId))
        {
            throw new CryptographicException($"The active data key {activeKeyId} is not loaded.");
        }

        _blindIndexKey = blindIndexKey;
        _activeKeyId = activeKeyId;
        FieldEncryptionRouting.Register(this);
    }

    /// <summary>Whether data key <paramref name="keyId"/> is loaded here.</summary>
    public bool HasDataKey(string keyId) => _dataKeys.ContainsKey(keyId);

    /// <summary>The id of the data key that wrote <paramref name="stored"/> (a value from <see cref="Encrypt"/>).</summary>
    /// <exception cref="CryptographicException">The value is not in the encrypted format.</exception>
    public static string KeyIdOf(string stored)
    {
        var parts = stored.Split('.', 3);
        return parts.Length == 3 && parts[0] == Version
            ? parts[1]
            : throw new CryptographicException("The stored value is not in the encrypted format.");
    }

    public string Encrypt(string plaintext, string purpose)
    {
        var keyId = ActiveKeyId;
        var plainBytes = Encoding.UTF8.GetBytes(plaintext);
        var buffer = new byte[NonceSize + TagSize + plainBytes.Length];
        var nonce = buffer.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_dataKeys[keyId], TagSize);
        aes.Encrypt(nonce, plainBytes, buffer.AsSpan(NonceSize + TagSize), buffer.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        return $"{Version}.{keyId}.{Convert.ToBase64String(buffer)}";
    }

    public string Decrypt(string stored, string purpose)
    {
        var parts = stored.Split('.', 3);
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new CryptographicException("The stored value is not in the encrypted format.");
        }

        if (!_dataKeys.TryGetValue(parts[1], out var key))
        {
            throw new CryptographicException($"Data key {parts[1]} is not available.");
        }

        var buffer = Convert.FromBase64String(parts[2]);
        var plain = new byte[buffer.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(buffer.AsSpan(0, NonceSize), buffer.AsSpan(NonceSize + TagSize), buffer.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(purpose));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Encrypts a file's bytes: <c>"TMF1" | keyIdLength | keyId | nonce | tag | ciphertext</c>; the purpose is the associated data.</summary>
    public byte[] EncryptBytes(ReadOnlySpan<byte> plain, string purpose)
    {
        var keyId = ActiveKeyId;
        var keyIdBytes = Encoding.ASCII.GetBytes(keyId);
        var header = FileMagic.Length + 1 + keyIdBytes.Length;
        var buffer = new byte[header + NonceSize + TagSize + plain.Length];
        FileMagic.CopyTo(buffer, 0);
        buffer[FileMagic.Length] = checked((byte)keyIdBytes.Length);
        keyIdBytes.CopyTo(buffer, FileMagic.Length + 1);
        var nonce = buffer.AsSpan(header, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_dataKeys[keyId], TagSize);
        aes.Encrypt(nonce, plain, buffer.AsSpan(header + NonceSize + TagSize), buffer.AsSpan(header + NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        return buffer;
    }

    public byte[] DecryptBytes(ReadOnlySpan<byte> stored, string purpose)
    {
        if (stored.Length < FileMagic.Length + 1 || !stored[..FileMagic.Length].SequenceEqual(FileMagic))
        {
            throw new CryptographicException("The stored file is not in the encrypted format.");
        }

        var keyIdLength = stored[FileMagic.Length];
        var keyId = Encoding.ASCII.GetString(stored.Slice(FileMagic.Length + 1, keyIdLength));
        if (!_dataKeys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"Data key {keyId} is not available.");
        }

        var header = FileMagic.Length + 1 + keyIdLength;
        var plain = new byte[stored.Length - header - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(stored.Slice(header, NonceSize), stored[(header + NonceSize + TagSize)..], stored.Slice(header + NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(purpose));
        return plain;
    }

    /// <summary>A keyed hash that lets the database find an encrypted value by equality without storing it.</summary>
    public string BlindIndex(string purpose, string normalizedValue)
    {
        var key = _blindIndexKey ?? throw new InvalidOperationException("Encryption keys are not loaded yet.");
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}\n{normalizedValue}"));
        return Convert.ToBase64String(mac);
    }

    public static byte[] Wrap(byte[] masterKey, byte[] dataKey, string dataKeyId)
    {
        var buffer = new byte[NonceSize + TagSize + dataKey.Length];
        RandomNumberGenerator.Fill(buffer.AsSpan(0, NonceSize));
        using var aes = new AesGcm(masterKey, TagSize);
        aes.Encrypt(buffer.AsSpan(0, NonceSize), dataKey, buffer.AsSpan(NonceSize + TagSize), buffer.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(dataKeyId));
        return buffer;
    }

    public static byte[] Unwrap(byte[] masterKey, byte[] wrapped, string dataKeyId)
    {
        var key = new byte[wrapped.Length - NonceSize - TagSize];
        using var aes = new AesGcm(masterKey, TagSize);
        aes.Decrypt(wrapped.AsSpan(0, NonceSize), wrapped.AsSpan(NonceSize + TagSize), wrapped.AsSpan(NonceSize, TagSize), key, Encoding.UTF8.GetBytes(dataKeyId));
        return key;
    }
}
