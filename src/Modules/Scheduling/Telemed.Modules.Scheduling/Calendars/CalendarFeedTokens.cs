using Telemed.BuildingBlocks.Security;
using Telemed.Modules.Scheduling.Infrastructure;

namespace Telemed.Modules.Scheduling.Calendars;

/// <summary>
/// A feed's token is derived from the server's secret blind-index key, the doctor and the feed's creation instant, so the
/// doctor can be shown their URL again after a reload while the database still holds only its hash. Rotating changes the
/// instant (and so the token); revoking deletes the feed.
/// </summary>
internal sealed class CalendarFeedTokens(FieldEncryption keys)
{
    private const string Purpose = "scheduling.calendar-feed";

    /// <summary>The creation instant as stored: whole milliseconds (UTC), which every database keeps exactly.</summary>
    public static DateTime Stamp(DateTime utcNow, DateTime? previous)
    {
        var stamp = new DateTime(utcNow.Ticks - utcNow.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        // Two rotations within one millisecond must still give two tokens.
        return previous is { } p && stamp <= p ? p.AddMilliseconds(1) : stamp;
    }

    /// <summary>The URL-safe token (256 bits) of the doctor's feed created at <paramref name="createdAt"/> (UTC, whole milliseconds).</summary>
    public string TokenFor(Guid doctorId, DateTime createdAt) =>
        PublicLinks.Base64Url(Convert.FromBase64String(keys.BlindIndex(Purpose, $"{doctorId:N}:{createdAt.Ticks}")));
}
