using Telemed.BuildingBlocks.Text;

namespace Telemed.Modules.Clinical.Prescriptions.Checks;

/// <summary>
/// A known interaction between two active ingredients (INN, lower case), its severity, its effect in English and in Russian
/// (<paramref name="EffectRu"/>, for a Russian-speaking prescriber), and its source, cited as published.
/// </summary>
internal sealed record Interaction(string IngredientA, string IngredientB, string Severity, string Effect, string EffectRu, string Source)
{
    /// <summary>The effect in <paramref name="language"/>: Russian for a <c>ru</c> reader, else English.</summary>
    public string EffectIn(string language) => LanguagePreference.IsRussian(language) ? EffectRu : Effect;
}

/// <summary>
/// The bundled, sourced interaction table (<c>Prescriptions/Checks/interactions.tsv</c>): a small set of well-known
/// pairs, not a complete interaction database. Columns: ingredient_a, ingredient_b, severity (hard_stop|warning), effect,
/// effect_ru, source. The effect is in both languages because it is the part of a safety finding a prescriber acts on; the
/// source stays as its publisher titles it, as a citation does.
/// </summary>
internal static class InteractionTable
{
    private static readonly Lazy<IReadOnlyList<Interaction>> Bundled = new(Read);

    public static IReadOnlyList<Interaction> All => Bundled.Value;

    public static IReadOnlyList<Interaction> Parse(TextReader reader)
    {
        var rows = new List<Interaction>();
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var c = line.TrimEnd('\r').Split('\t').Select(p => p.Trim()).ToArray();
            if (c.Length != 6 || c[2] is not (FindingSeverity.HardStop or FindingSeverity.Warning) || c[3].Length == 0 || c[4].Length == 0)
            {
                throw new InvalidOperationException("The interaction table has a malformed line.");
            }

            rows.Add(new Interaction(c[0].ToLowerInvariant(), c[1].ToLowerInvariant(), c[2], c[3], c[4], c[5]));
        }

        return rows;
    }

    private static IReadOnlyList<Interaction> Read()
    {
        using var stream = typeof(InteractionTable).Assembly.GetManifestResourceStream("Telemed.Modules.Clinical.Prescriptions.Checks.interactions.tsv")
            ?? throw new InvalidOperationException("The bundled interaction table is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
