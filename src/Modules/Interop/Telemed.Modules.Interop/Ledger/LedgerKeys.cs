using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Telemed.Modules.Interop.Ledger;

/// <summary>
/// How a source resource is known in the import ledger. By its id when it has one (<c>id:{id}</c>: a changed resource with the same id
/// is an update), else by its content (<c>hash:{sha256}</c>: the same content again is the same entry, a changed one is a new entry).
/// </summary>
internal static class LedgerKeys
{
    /// <summary>The ledger's key type of a patient identifier; the key is a blind index of <c>system|value</c>, so no identifier is stored.</summary>
    public const string IdentifierType = "Patient.identifier";

    private static readonly FhirJsonSerializer Serializer = new();

    /// <summary>The key of <paramref name="resource"/>: <c>id:{id}</c>, or <c>hash:{content hash}</c> when it has no id.</summary>
    public static string SourceKeyOf(Resource resource, string contentHash) =>
        string.IsNullOrWhiteSpace(resource.Id) ? $"hash:{contentHash}" : $"id:{resource.Id.Trim()}";

    /// <summary>
    /// Lower-case hex SHA-256 of the resource's FHIR JSON without <c>meta</c> (a source's version stamp alone is not a change), the same for
    /// the same content whatever the bundle around it.
    /// </summary>
    public static string ContentHashOf(Resource resource)
    {
        var copy = (Resource)resource.DeepCopy();
        copy.Meta = null;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Serializer.SerializeToString(copy))));
    }

    /// <summary>The key of an external observation in Labs: an opaque fingerprint of source and key (no PHI), at most 200 characters.</summary>
    public static string ExternalIdOf(string sourceSystem, string resourceType, string sourceKey) =>
        "import:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{sourceSystem}|{resourceType}|{sourceKey}")));
}
