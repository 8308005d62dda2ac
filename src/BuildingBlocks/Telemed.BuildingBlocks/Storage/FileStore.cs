using Telemed.BuildingBlocks.Security;

namespace Telemed.BuildingBlocks.Storage;

/// <summary>
/// Where uploaded files live (DESIGN §6: encrypted files on local disk by default, S3-compatible storage in
/// production). Callers hand over and get back plaintext; what reaches the store is always ciphertext.
/// </summary>
public interface IFileStore
{
    Task SaveAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The plaintext bytes, or null when there is no such file.</summary>
    Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default);

    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>
/// Files encrypted with AES-256-GCM under the active data key, one file per key on local disk. The key is the
/// associated data, so a file copied under another name does not decrypt.
/// </summary>
public sealed class EncryptedDiskFileStore(string root, FieldEncryption encryption) : IFileStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task SaveAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var sealedBytes = encryption.EncryptBytes(content.Span, Purpose(key));
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, sealedBytes, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }

        var sealedBytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return encryption.DecryptBytes(sealedBytes, Purpose(key));
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private static string Purpose(string key) => $"file:{key}";

    private string PathOf(string key)
    {
        // Keys are ours (module/opaque-id), never user input; still refuse anything that could leave the root.
        if (key.Length == 0 || key.Contains("..", StringComparison.Ordinal) || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '_')))
        {
            throw new ArgumentException("A file key is letters, digits, '-', '_' and '/'.", nameof(key));
        }

        return Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar) + ".bin");
    }
}
