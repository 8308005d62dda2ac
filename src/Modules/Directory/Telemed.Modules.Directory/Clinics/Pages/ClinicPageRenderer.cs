using Ganss.Xss;
using Markdig;

namespace Telemed.Modules.Directory.Clinics.Pages;

/// <summary>
/// Markdown to safe HTML for pages that visitors read before signing in. Markdig renders (pipe tables, autolinks, raw
/// HTML allowed so an admin may paste a little), then HtmlSanitizer keeps only the tags a text page needs: scripts, styles,
/// event-handler attributes (<c>onerror=</c>, …) and any URL scheme but http, https, mailto and tel are removed.
/// </summary>
internal static class ClinicPageRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseAutoLinks().UseEmphasisExtras().Build();

    private static readonly string[] AllowedTags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "del", "code", "pre", "blockquote",
        "table", "thead", "tbody", "tr", "th", "td",
    ];

    private static readonly string[] AllowedAttributes = ["href", "title", "align"];

    /// <summary>Sanitised HTML of <paramref name="markdown"/>; empty for empty input.</summary>
    public static string ToSafeHtml(string markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var html = Markdown.ToHtml(markdown, Pipeline);
        return NewSanitizer().Sanitize(html).Trim();
    }

    // HtmlSanitizer instances are not documented as thread-safe: one per call (cheap next to rendering).
    private static HtmlSanitizer NewSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(AllowedAttributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto", "tel"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        });
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}
