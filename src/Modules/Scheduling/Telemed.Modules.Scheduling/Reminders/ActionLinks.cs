using System.Security.Cryptography;
using System.Text;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Reminders;

/// <summary>
/// One-tap links: <c>{random}{signature}</c>, URL-safe and without dots (the web app's routes treat a dot as a file
/// name). The random part (144 bits, 24 characters) identifies the link; the
/// signature (an HMAC under the platform's keyed-hash key) lets a forged or mangled token be turned
/// away before the database is asked. Only a hash is stored; the link names nothing about the patient.
/// </summary>
internal sealed class ActionLinks(FieldEncryption keys, SchedulingDbContext db, PublicUrls links)
{
    private const string Purpose = "scheduling.action-link";
    private const int IdLength = 24;
    private const int SignatureLength = 22;

    public string Issue(Guid appointmentId, LinkAction action, DateTime expiresAt, DateTime now)
    {
        var id = PublicLinks.Base64Url(RandomNumberGenerator.GetBytes(18));
        var token = id + Sign(id);
        db.ActionLinks.Add(new ActionLink { TokenHash = PublicLinks.Hash(token), AppointmentId = appointmentId, Action = action, ExpiresAt = expiresAt, CreatedAt = now });
        return links.To($"/r/{token}");
    }

    public bool HasValidSignature(string token)
    {
        if (token.Length != IdLength + SignatureLength)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(token[..IdLength]));
        var given = Encoding.ASCII.GetBytes(token[IdLength..]);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private string Sign(string id) => PublicLinks.Base64Url(Convert.FromBase64String(keys.BlindIndex(Purpose, id)))[..SignatureLength];
}
