using Microsoft.AspNetCore.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.BuildingBlocks.Text;

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
            var form = await request.ReadFormAsync(ct);
            return RefusedText(form, request.Headers.AcceptLanguage) is { } refused ? (null, refused) : (form, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            return (null, Malformed);
        }
    }

    /// <summary>
    /// 400 <c>request.invalid</c>: the form carries more than one file part (two parts named <c>file</c>, or a file beside extra file
    /// parts the endpoint does not read). Keeping the first and dropping the rest silently would store something other than what the
    /// sender meant; a scanner or a reviewer would see one file while another travelled with it.
    /// </summary>
    public static readonly Error MoreThanOneFile = Error.Validation("request.invalid",
        "Send one file per request, in the form part named \"file\": this form carries more than one file part.");

    /// <summary>
    /// The form's one file, in the part named <paramref name="partName"/>; null when the form carries no file there (the endpoint
    /// answers its own "file missing"). <see cref="MoreThanOneFile"/> when the form carries more than one file part, whatever their
    /// names. Every upload endpoint reads its file here.
    /// </summary>
    public static (IFormFile? File, Error? Error) SingleFile(IFormCollection form, string partName = "file") =>
        form.Files.Count > 1 ? (null, MoreThanOneFile) : (form.Files.GetFile(partName), null);

    /// <summary>
    /// 400 <c>request.invalid_characters</c> when a field's value or a file's name breaks <see cref="UserText"/>'s rule: uploads store
    /// and show both (a document's note, an attachment's file name). File names hold one line.
    /// </summary>
    private static Error? RefusedText(IFormCollection form, string? acceptLanguage)
    {
        foreach (var (name, values) in form)
        {
            if (UserText.Check(name, singleLine: true) is { } badName)
            {
                return UserTextErrors.For("(field name)", badName, acceptLanguage);
            }

            if (UserText.IsExemptName(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (value is not null && UserText.Check(value, UserText.IsSingleLineName(name)) is { } bad)
                {
                    return UserTextErrors.For(name, bad, acceptLanguage);
                }
            }
        }

        foreach (var file in form.Files)
        {
            if (UserText.Check(file.FileName, singleLine: true) is { } bad)
            {
                return UserTextErrors.For($"{file.Name}.fileName", bad, acceptLanguage);
            }
        }

        return null;
    }
}
