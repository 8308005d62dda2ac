using Telemed.Modules.Records.Contracts;

namespace Telemed.Modules.Privacy.Export;

/// <summary>Names of the document files inside the export ZIP: safe, unique and recognisable.</summary>
internal static class ExportFileNames
{
    /// <summary>
    /// <c>{documentDate:yyyy-MM-dd}-{n}-{fileName}</c> per document, in order, with every character outside letters, digits, '.', '-' and '_'
    /// replaced by '_' so that no stored name can climb out of <c>documents/</c> ("../x") or clash with another.
    /// </summary>
    public static IReadOnlyList<string> ForDocuments(IReadOnlyList<PatientDocumentFile> files) =>
        [.. files.Select((f, i) => $"{f.DocumentDate:yyyy-MM-dd}-{i + 1}-{Safe(f.FileName)}")];

    /// <summary>The name with unsafe characters replaced; "file" when nothing is left.</summary>
    public static string Safe(string fileName)
    {
        var chars = fileName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray();
        var safe = new string(chars).TrimStart('.');
        return safe.Length == 0 ? "file" : safe.Length > 100 ? safe[^100..] : safe;
    }
}
