using System.Text.Json;
using Microsoft.Playwright;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.BrowserTests;

/// <summary>
/// Accessibility scan with axe-core (tests/js/node_modules, installed by npm ci). The script is injected
/// into the page, which the app's CSP forbids; browser contexts made by <see cref="BrowserFixture"/>
/// bypass CSP for that reason, and only in tests.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Script = new(() => File.ReadAllText(Path.Combine(NodeClients.Folder, "node_modules", "axe-core", "axe.min.js")));

    /// <summary>
    /// Runs axe (WCAG 2.x A and AA rules) on the current page, or on <paramref name="selector"/> within it,
    /// and returns one line per violation: rule id, impact and the first offending elements. Empty when clean.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string? selector = null)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new() { Content = Script.Value });
        }

        var json = await page.EvaluateAsync<string>(
            """
            async (selector) => {
              const result = await window.axe.run(selector ?? document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return JSON.stringify(result.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })));
            }
            """,
            selector);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {string.Join(" | ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")
            .ToList();
    }

    /// <summary>Fails the test with the violations listed when axe finds any on the page.</summary>
    public static async Task AssertCleanAsync(IPage page, string? selector = null)
    {
        var violations = await ViolationsAsync(page, selector);
        if (violations.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"axe found {violations.Count} accessibility violation(s) on {page.Url}:\n  " + string.Join("\n  ", violations));
        }
    }
}
