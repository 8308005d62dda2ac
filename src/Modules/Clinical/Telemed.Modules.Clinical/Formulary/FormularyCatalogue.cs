using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Infrastructure;
using Telemed.Modules.Clinical.Prescriptions;

namespace Telemed.Modules.Clinical.Formulary;

/// <summary>
/// A medicine as the prescribing screen's search shows it (daily doses in <c>DoseUnit</c>, age in years). The formulary's own
/// fields are codes and English words a prescription is written with (<c>Route</c> goes back in the request as it is); the
/// <c>…Text</c> fields are the same in the reader's language (<c>Accept-Language</c>) for display: <c>NameText</c>
/// "Амоксициллин 500 мг, капсулы", <c>RouteText</c> "внутрь", <c>DoseUnitText</c> "мг", <c>DispenseUnitText</c> "капсулы"
/// (a word the Russian tables do not know as the formulary writes it).
/// </summary>
public sealed record FormularyMatch(string Code, string Name, string ActiveIngredient, string ActiveIngredientRu, string AtcCode, string Form,
    string Strength, string DoseUnit, string DispenseUnit, string Route, decimal? MinDailyDose, decimal? MaxDailyDose, int? MinimumAgeYears,
    string Source, string NameText, string RouteText, string DoseUnitText, string DispenseUnitText);

/// <summary>The result of a formulary import: how many medicines were added or updated, and the rejected line numbers (first 50).</summary>
public sealed record FormularyImportResult(int Added, int Updated, int Rejected, IReadOnlyList<int> RejectedLines);

/// <summary>The clinic's formulary: search for the prescribing screen, lookup by code, and upsert for imports.</summary>
internal sealed class FormularyCatalogue(ClinicalDbContext db)
{
    public Task<FormularyMedicine?> FindAsync(string code, CancellationToken ct)
    {
        var key = code.Trim().ToLowerInvariant();
        return db.Formulary.AsNoTracking().FirstOrDefaultAsync(m => m.Code == key, ct);
    }

    /// <summary>At most 20 medicines whose code, name, INN (en/ru), ATC code or form contain every word of <paramref name="query"/>.</summary>
    public async Task<IReadOnlyList<FormularyMatch>> SearchAsync(string query, CancellationToken ct)
    {
        var words = query.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5).ToList();
        var q = db.Formulary.AsNoTracking();
        foreach (var word in words)
        {
            q = q.Where(m => m.SearchText.Contains(word));
        }

        var found = await q.OrderBy(m => m.Name).Take(20).ToListAsync(ct);
        var language = ReaderLanguage.Current;
        return [.. found.Select(m => Match(m, language))];
    }

    /// <summary>The search's answer for <paramref name="m"/>, its display texts in <paramref name="language"/> (<c>en</c> or <c>ru</c>).</summary>
    public static FormularyMatch Match(FormularyMedicine m, string language)
    {
        var medicine = new PrescribedMedicine(m.Code, m.Name, m.ActiveIngredient, m.ActiveIngredientRu, m.AtcCode, m.Form, m.Strength, m.DoseUnit,
            m.DispenseUnit, m.AllergyClass);
        return new(m.Code, m.Name, m.ActiveIngredient, m.ActiveIngredientRu, m.AtcCode, m.Form, m.Strength, m.DoseUnit, m.DispenseUnit, m.Route,
            m.MinDailyDose, m.MaxDailyDose, m.MinimumAgeYears, m.Source, MedicineWording.Name(medicine, language), DosageWording.Route(m.Route, language),
            DosageWording.Unit(m.DoseUnit, language), DispenseUnitWords.Label(m.DispenseUnit, language));
    }

    /// <summary>Adds new codes and replaces known ones (a later file wins). Returns (added, updated).</summary>
    public async Task<(int Added, int Updated)> UpsertAsync(IReadOnlyList<FormularyMedicine> medicines, CancellationToken ct)
    {
        var latest = medicines.GroupBy(m => m.Code).Select(g => g.Last()).ToList();
        var codes = latest.Select(m => m.Code).ToList();
        var existing = await db.Formulary.Where(m => codes.Contains(m.Code)).ToDictionaryAsync(m => m.Code, ct);
        var added = 0;
        foreach (var m in latest)
        {
            if (existing.TryGetValue(m.Code, out var known))
            {
                db.Entry(known).CurrentValues.SetValues(m);
            }
            else
            {
                db.Formulary.Add(m);
                added++;
            }
        }

        await db.SaveChangesAsync(ct);
        return (added, latest.Count - added);
    }
}
