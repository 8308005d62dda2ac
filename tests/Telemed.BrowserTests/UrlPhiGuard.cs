using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Telemed.BrowserTests;

/// <summary>
/// Records every URL a browser context requests (pages, API calls, hub negotiation, assets) and
/// checks it against the seeded patients' names, e-mails and phone numbers, raw and URL-encoded.
/// Every journey's context is watched; <see cref="Violations"/> must stay empty.
/// </summary>
public static class UrlPhiGuard
{
    private static readonly ConcurrentQueue<string> Seen = new();
    private static readonly ConcurrentQueue<string> Found = new();

    /// <summary>The seeded patients' identifying values, read from the demo data the host seeds (src/Telemed.Host/Demo/DemoData.cs).</summary>
    public static IReadOnlyList<string> SeededPatientValues { get; } = ReadSeededPatients();

    private static readonly Regex[] Patterns = SeededPatientValues.Select(Pattern).ToArray();

    public static IReadOnlyCollection<string> Urls => Seen;

    public static IReadOnlyCollection<string> Violations => Found;

    public static void Watch(IBrowserContext context) => context.Request += (_, request) => Check(request.Url);

    public static void Check(string url)
    {
        Seen.Enqueue(url);
        if (Matches(url))
        {
            Found.Enqueue(url);
        }
    }

    /// <summary>True when the URL, in any of its decoded forms, holds a seeded patient's name, e-mail or phone.</summary>
    public static bool Matches(string url) => Forms(url).Any(form => Patterns.Any(p => p.IsMatch(form)));

    /// <summary>The URL as sent, percent-decoded, and with '+' read as a space (form encoding).</summary>
    private static IEnumerable<string> Forms(string url)
    {
        yield return url;
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(url);
        }
        catch (UriFormatException)
        {
            yield break;
        }

        yield return decoded;
        yield return decoded.Replace('+', ' ');
        yield return Uri.UnescapeDataString(url.Replace('+', ' '));
    }

    /// <summary>A value as a whole word (so "Ivan" does not match the doctor "Ivanova"), any case; phones also as bare digits.</summary>
    private static Regex Pattern(string value) =>
        new($"(?<![\\p{{L}}\\d]){Regex.Escape(value)}(?![\\p{{L}}\\d])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static List<string> ReadSeededPatients()
    {
        var demoData = typeof(Telemed.Host.Demo.DemoClinicSeeder).Assembly.GetType("Telemed.Host.Demo.DemoData", throwOnError: true)!;
        var patients = (Array)demoData.GetField("Patients", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var values = new List<string>();
        foreach (var patient in patients)
        {
            string Read(string name) => (string)patient.GetType().GetProperty(name)!.GetValue(patient)!;
            var phone = Read("Phone");
            values.AddRange([Read("Given"), Read("Family"), $"{Read("Given")} {Read("Family")}", Read("Email"), phone, new string(phone.Where(char.IsDigit).ToArray())]);
            // The phone without its country code, as a desk clerk might type it.
            values.Add(string.Join(' ', phone.Split(' ').Skip(1)));
        }

        return values.Where(v => v.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
