using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Icd10;

/// <summary>A catalogue entry as the doctor's search shows it: the code, the English and Russian titles (Russian may be empty).</summary>
public sealed record Icd10Match(string Code, string TitleEn, string TitleRu);

/// <summary>How an import went: codes added, codes whose titles were updated, and the 1-based numbers of unreadable lines (first 50).</summary>
public sealed record Icd10ImportResult(int Added, int Updated, int Rejected, IReadOnlyList<int> RejectedLines);

/// <summary>The clinic's ICD-10 catalogue: lookup by code, search by code prefix or words, and loading code files.</summary>
internal sealed class Icd10Catalogue(ClinicalDbContext db)
{
    public const int MaxResults = 20;

    /// <summary>The entries for written codes (see <see cref="Icd10Code.Normalise"/>), keyed by code; unknown codes are left out.</summary>
    public async Task<IReadOnlyDictionary<string, Icd10Match>> FindAsync(IReadOnlyCollection<string> codes, CancellationToken ct) =>
        codes.Count == 0
            ? new Dictionary<string, Icd10Match>()
            : await db.Icd10Codes.AsNoTracking().Where(c => codes.Contains(c.Code))
                .ToDictionaryAsync(c => c.Code, c => new Icd10Match(c.Code, c.TitleEn, c.TitleRu), ct);

    /// <summary>
    /// Up to <see cref="MaxResults"/> entries: by code prefix when the query looks like a code (<c>j06</c>, <c>J06.9</c>),
    /// otherwise entries whose code or titles contain every word (case-insensitive, English or Russian), in code order.
    /// </summary>
    public async Task<IReadOnlyList<Icd10Match>> SearchAsync(string query, CancellationToken ct)
    {
        var q = query.Trim();
        IQueryable<Icd10Code> found = db.Icd10Codes.AsNoTracking();
        if (Icd10Code.Normalise(q) is { } code && !q.Contains(' '))
        {
            found = found.Where(c => c.Code.StartsWith(code) || c.Code.StartsWith(code.Replace(".", "")));
        }
        else
        {
            foreach (var word in q.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6))
            {
                var pattern = $"%{EscapeLike(word)}%";
                found = found.Where(c => EF.Functions.Like(c.SearchText, pattern, "\\"));
            }
        }

        return await found.OrderBy(c => c.Code).Take(MaxResults).Select(c => new Icd10Match(c.Code, c.TitleEn, c.TitleRu)).ToListAsync(ct);
    }

    /// <summary>
    /// Adds the entries that are new and retitles the ones already present (one transaction), recording
    /// <paramref name="edition"/> on each (≤ 40 characters, e.g. <c>icd10cm-2025</c>).
    /// </summary>
    public async Task<(int Added, int Updated)> UpsertAsync(IReadOnlyList<Icd10Entry> entries, string edition, CancellationToken ct)
    {
        var existing = await db.Icd10Codes.ToDictionaryAsync(c => c.Code, ct);
        int added = 0, updated = 0;
        foreach (var entry in entries.DistinctBy(e => e.Code))
        {
            if (existing.TryGetValue(entry.Code, out var known))
            {
                if (known.TitleEn != entry.TitleEn || (entry.TitleRu.Length > 0 && known.TitleRu != entry.TitleRu) || known.Edition != edition)
                {
                    known.Retitle(entry.TitleEn, entry.TitleRu, edition);
                    updated++;
                }
            }
            else
            {
                db.Icd10Codes.Add(Icd10Code.Create(entry.Code, entry.TitleEn, entry.TitleRu, edition));
                added++;
            }
        }

        await db.SaveChangesAsync(ct);
        return (added, updated);
    }

    private static string EscapeLike(string word) => word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
