namespace Telemed.Host.Platform;

/// <summary>
/// Keeps a small JSON request body readable a second time, so that when System.Text.Json refuses it for missing required members
/// (naming only the first three or four) <see cref="MissingMembers"/> can name every one from the body itself. Only a body that
/// declares its length, up to <see cref="MaxBytes"/>, is kept, and only in memory: it is never spilled to a temporary file (a
/// body may carry PHI). Other bodies are read as before, and their refusal names what System.Text.Json named.
/// </summary>
internal sealed class RewindableJsonBody(RequestDelegate next)
{
    /// <summary>The largest body kept (bytes): far above any form's JSON, far below an upload.</summary>
    public const int MaxBytes = 256 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is > 0 and <= MaxBytes && request.HasJsonContentType())
        {
            // A threshold above the limit: the buffer stays in memory.
            request.EnableBuffering(bufferThreshold: MaxBytes + 1, bufferLimit: MaxBytes + 1);
        }

        return next(context);
    }
}
