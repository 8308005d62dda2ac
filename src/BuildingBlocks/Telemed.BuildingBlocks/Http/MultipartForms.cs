using Microsoft.AspNetCore.Http;
using Telemed.BuildingBlocks.Results;

namespace Telemed.BuildingBlocks.Http;

/// <summary>Reads a multipart or url-encoded form without letting a malformed body become a 500.</summary>
public static class MultipartForms
{
    /// <summary>400 <c>request.malformed_form</c>: the body does not match its content type (no boundary, another boundary, truncated, over the section limits).</summary>
    public static readonly Error Malformed = Error.Validation("request.malformed_form",
        "The form could not be read. Send multipart/form-data with the boundary named in the Content-Type header.");

    /// <summary>
    /// The form, or no form and <see cref="Malformed"/> when it cannot be parsed. A missing boundary surfaces as
    /// <see cref="InvalidDataException"/> and a boundary that never appears in the body as
    /// <see cref="IOException"/> (unexpected end of stream); both are the client's fault here. A
    /// cancelled request still throws.
    /// </summary>
    public static async Task<(IFormCollection? Form, Error? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return (await request.ReadFormAsync(ct), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            return (null, Malformed);
        }
    }
}
