using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;

namespace Telemed.BuildingBlocks.Exports;

/// <summary>
/// The one way Telemed writes CSV files people open in a spreadsheet (accounting, claims and analytics exports). A text cell that a
/// spreadsheet would run as a formula — one starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return
/// (OWASP "CSV Injection") — is written with a leading apostrophe, so Excel, LibreOffice and Google Sheets show it as text. Such
/// text can come from anyone who types a name, an insurer or a policy number. A cell that is just a number (<c>-2500</c>,
/// <c>+7</c>) is left alone, and numbers written as numbers never pass through here.
/// </summary>
public static partial class SpreadsheetSafeCsv
{
    /// <summary>A writer over <paramref name="output"/> (invariant culture, header row) whose text cells are neutralised as above.</summary>
    public static CsvWriter Writer(TextWriter output)
    {
        var csv = new CsvWriter(output, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.None });
        csv.Context.TypeConverterCache.AddConverter<string>(new TextCellConverter());
        return csv;
    }

    /// <summary><paramref name="text"/> as a spreadsheet shows it, not runs it: prefixed with <c>'</c> when it could start a formula.</summary>
    public static string? Neutralise(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(text) ? "'" + text : text;

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    private sealed class TextCellConverter : StringConverter
    {
        public override string? ConvertToString(object? value, IWriterRow row, MemberMapData memberMapData) => Neutralise(value as string) ?? "";
    }
}
