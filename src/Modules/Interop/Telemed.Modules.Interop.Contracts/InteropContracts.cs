namespace Telemed.Modules.Interop.Contracts;

/// <summary>
/// What one import of another system's FHIR Bundle did, entry by entry counted: <paramref name="Created"/> (201),
/// <paramref name="Updated"/> (200, the source changed the resource), <paramref name="Unchanged"/> (200, imported before as it is) and
/// <paramref name="Rejected"/> (422 with a reason). The answer Bundle carries these in <c>meta.extension</c> (docs/fhir.md, "Import").
/// </summary>
public sealed record ImportSummary(int Created, int Updated, int Unchanged, int Rejected);
