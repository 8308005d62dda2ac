using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Telemed.Modules.Feedback.Contracts;
using Telemed.Modules.Records.Contracts;

namespace Telemed.Modules.Privacy.Export;

/// <summary>
/// The readable part of the data export: an HTML page (no scripts, no external resources) listing every resource of the Bundle
/// grouped by type under a heading in the reader's words (<see cref="ExportSummaryWords"/>), each with its date, its name or code
/// text and its status in words (an access to the record: who, what they did, to which part, and whether it was allowed), and the
/// document files. It reads the FHIR JSON
/// generically (resourceType, common date and text elements), so resource types added to the FHIR API later appear without a change.
/// </summary>
internal static class ExportSummary
{
    private static readonly string[] DateElements = ["effectiveDateTime", "authoredOn", "recordedDate", "onsetDateTime", "start", "issued", "sent", "recorded", "dateTime", "date", "birthDate"];
    private static readonly string[] TextElements = ["code", "medicationCodeableConcept", "category", "type", "serviceType", "valueCodeableConcept"];

    /// <summary>The page in <paramref name="language"/> (<c>en</c> or <c>ru</c>); <paramref name="now"/> is the UTC instant of the export.</summary>
    public static string Html(string bundleJson, IReadOnlyList<PatientDocumentFile> files, IReadOnlyList<PatientReview> reviews, string language, DateTime now)
    {
        var words = language == "ru" ? Ru : En;
        using var bundle = JsonDocument.Parse(bundleJson);
        var resources = bundle.RootElement.TryGetProperty("entry", out var entries)
            ? entries.EnumerateArray().Where(e => e.TryGetProperty("resource", out _)).Select(e => e.GetProperty("resource")).ToList()
            : [];

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{words["title"]}</title>")
            .Append("<style>body{font-family:sans-serif;max-width:60rem;margin:auto;padding:1rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.25rem;text-align:left}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>{words["title"]}</h1><p>{words["made"]} {now:yyyy-MM-dd HH:mm} UTC. {words["intro"]}</p>");
        foreach (var group in resources.GroupBy(r => Str(r, "resourceType") ?? "Resource"))
        {
            // The section in words, with the FHIR type it is in bundle.json for anyone who reads that file next.
            var section = ExportSummaryWords.Section(group.Key, language);
            var type = section == group.Key ? "" : $" <small>{Enc(group.Key)}</small>";
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Enc(section)} ({group.Count()}){type}</h2><table><thead><tr><th>{words["date"]}</th><th>{words["what"]}</th><th>{words["status"]}</th></tr></thead><tbody>");
            foreach (var resource in group)
            {
                var (what, status) = group.Key == "AuditEvent" ? AuditEventRow(resource, language) : (TextOf(resource), StatusOf(resource, language));
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Enc(DateOf(resource))}</td><td>{Enc(what)}</td><td>{Enc(status)}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2>{words["documents"]} ({files.Count})</h2><ul>");
        foreach (var (file, name) in files.Zip(ExportFileNames.ForDocuments(files)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{file.DocumentDate:yyyy-MM-dd}: documents/{Enc(name)} ({Enc(file.ContentType)})</li>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</ul><h2>{words["reviews"]} ({reviews.Count})</h2><table><thead><tr><th>{words["date"]}</th><th>{words["stars"]}</th><th>{words["nps"]}</th><th>{words["text"]}</th></tr></thead><tbody>");
        foreach (var review in reviews)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{review.CreatedAt:yyyy-MM-dd HH:mm}</td><td>{review.Stars}</td><td>{review.Nps?.ToString(CultureInfo.InvariantCulture) ?? "—"}</td><td>{Enc(review.Text)}</td></tr>");
        }

        return html.Append("</tbody></table></body></html>").ToString();
    }

    private static readonly Dictionary<string, string> En = new()
    {
        ["title"] = "Your data at Telemed", ["made"] = "Made", ["date"] = "Date", ["what"] = "What", ["status"] = "Status", ["documents"] = "Your uploaded documents",
        ["reviews"] = "Your reviews of visits (reviews.json)", ["stars"] = "Stars", ["nps"] = "Would recommend (0–10)", ["text"] = "Your words",
        ["intro"] = "bundle.json holds the same data in the HL7 FHIR R4 format that other health systems read.",
    };

    private static readonly Dictionary<string, string> Ru = new()
    {
        ["title"] = "Ваши данные в Telemed", ["made"] = "Выгружено", ["date"] = "Дата", ["what"] = "Что", ["status"] = "Статус", ["documents"] = "Загруженные вами документы",
        ["reviews"] = "Ваши отзывы о приёмах (reviews.json)", ["stars"] = "Звёзды", ["nps"] = "Порекомендуете (0–10)", ["text"] = "Ваш текст",
        ["intro"] = "В файле bundle.json те же данные в формате HL7 FHIR R4, который читают другие медицинские системы.",
    };

    private static string Enc(string text) => WebUtility.HtmlEncode(text);

    private static string StatusOf(JsonElement resource, string language) => Str(resource, "status") is { } code ? ExportSummaryWords.Status(code, language) : "";

    // An access to the record has no status or name: who, what they did and to which part of the record; its outcome as the status.
    private static (string What, string Status) AuditEventRow(JsonElement e, string language)
    {
        var who = e.TryGetProperty("agent", out var agents) && agents.ValueKind == JsonValueKind.Array && agents.GetArrayLength() > 0
            && agents[0].TryGetProperty("who", out var reference) ? Str(reference, "display") : null;
        var action = Str(e, "action") is { } a ? ExportSummaryWords.AuditAction(a, language) : null;
        var part = e.TryGetProperty("entity", out var entities) && entities.ValueKind == JsonValueKind.Array && entities.GetArrayLength() > 0
            ? Str(entities[0], "description") : null;
        var what = string.Join(" — ", new[] { who, action, part }.Where(x => !string.IsNullOrEmpty(x)));
        return (what, Str(e, "outcome") is { } outcome ? ExportSummaryWords.AuditOutcome(outcome, language) : "");
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string DateOf(JsonElement resource)
    {
        foreach (var name in DateElements)
        {
            if (Str(resource, name) is { } value)
            {
                return value.Length > 16 ? value[..16].Replace('T', ' ') : value;
            }
        }

        return resource.TryGetProperty("period", out var period) && Str(period, "start") is { } start ? start[..Math.Min(16, start.Length)].Replace('T', ' ') : "";
    }

    private static string TextOf(JsonElement resource)
    {
        if (resource.TryGetProperty("name", out var names) && names.ValueKind == JsonValueKind.Array && names.GetArrayLength() > 0)
        {
            var name = names[0];
            var given = name.TryGetProperty("given", out var g) ? string.Join(" ", g.EnumerateArray().Select(x => x.GetString())) : "";
            return $"{given} {Str(name, "family")}".Trim();
        }

        foreach (var element in TextElements)
        {
            if (resource.TryGetProperty(element, out var value) && Concept(value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 ? value[0] : value) is { } text)
            {
                return text;
            }
        }

        return Str(resource, "description") ?? "";
    }

    private static string? Concept(JsonElement concept)
    {
        if (concept.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (Str(concept, "text") is { } text)
        {
            return text;
        }

        if (concept.TryGetProperty("coding", out var codings) && codings.ValueKind == JsonValueKind.Array && codings.GetArrayLength() > 0)
        {
            return Str(codings[0], "display") ?? Str(codings[0], "code");
        }

        // A bare Coding, as some elements are (AuditEvent.type).
        return Str(concept, "display") ?? (concept.TryGetProperty("system", out _) ? Str(concept, "code") : null);
    }
}
