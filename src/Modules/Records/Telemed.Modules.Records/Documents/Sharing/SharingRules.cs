using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Records.Documents;

/// <summary>Sharing a document with one doctor names a real doctor: a share with anyone else is refused as invalid.</summary>
internal static class SharingRules
{
    /// <summary>The share, or null when it does not read (see <see cref="DocumentShare.From"/>) or the named user is not a doctor.</summary>
    public static async Task<DocumentShare?> ResolveAsync(string? sharing, Guid? doctorUserId, IDirectoryModule directory, CancellationToken ct)
    {
        var share = DocumentShare.From(sharing, doctorUserId);
        if (share?.DoctorUserId is { } doctor && await directory.GetDoctorByUserAsync(doctor, ct) is null)
        {
            return null;
        }

        return share;
    }
}
