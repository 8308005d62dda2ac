namespace Telemed.Modules.Records;

/// <summary><c>Records</c> settings.</summary>
public sealed class RecordsOptions
{
    public const string Section = "Records";

    /// <summary>The largest document a patient may upload, in bytes (default 10 MB).</summary>
    public long MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How often the quarantine is swept for documents to scan, in milliseconds (uploads also wake it at once).</summary>
    public int ScanIntervalMilliseconds { get; set; } = 2000;
}
