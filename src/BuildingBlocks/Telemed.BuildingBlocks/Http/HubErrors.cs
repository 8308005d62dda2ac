using Microsoft.AspNetCore.SignalR;
using Telemed.BuildingBlocks.Results;

namespace Telemed.BuildingBlocks.Http;

/// <summary>
/// Hub methods fail with the same stable codes as REST endpoints. SignalR sends only a HubException's message to the
/// client, so the message is "<c>{code}: {text}</c>" (e.g. "chat.not_found: There is no such conversation."); clients read the
/// code before the first ": " (the web app's <c>hubError</c> helper does).
/// </summary>
public static class HubErrors
{
    public static HubException From(Error error) => new($"{error.Code}: {error.Message}");

    /// <summary>Splits a hub error message back into code and text; null when it carries no code.</summary>
    public static (string Code, string Message)? Parse(string? message)
    {
        const string marker = "HubException: ";
        var text = message ?? "";
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        text = at >= 0 ? text[(at + marker.Length)..] : text;
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && text[..colon].Contains('.') && !text[..colon].Contains(' ') ? (text[..colon], text[(colon + 2)..]) : null;
    }
}
