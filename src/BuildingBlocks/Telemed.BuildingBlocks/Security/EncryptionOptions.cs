namespace Telemed.BuildingBlocks.Security;

/// <summary>
/// Bound from <c>Encryption</c>. Production supplies master keys (base64, 256-bit) by id, e.g.
/// <c>Encryption__MasterKeys__mk2026=...</c>, <c>Encryption__ActiveMasterKeyId=mk2026</c> and
/// <c>Encryption__BlindIndexKey=...</c>. Without them a development key file is generated in the data folder.
/// </summary>
public sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    public Dictionary<string, string> MasterKeys { get; set; } = new(StringComparer.Ordinal);
    public string? ActiveMasterKeyId { get; set; }
    public string? BlindIndexKey { get; set; }

    /// <summary>Allows generating a development key file when no keys are configured (off in Production).</summary>
    public bool AllowDevelopmentKeys { get; set; }
}
