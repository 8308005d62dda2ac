namespace Telemed.Modules.Clinical.Prescriptions.Checks;

/// <summary>A known interaction between two active ingredients (INN, lower case), its severity, effect and source.</summary>
internal sealed record Interaction(string IngredientA, string IngredientB, string Severity, string Effect, string Source);

/// <summary>
/// The bundled, sourced interaction table (<c>Prescriptions/Checks/interactions.tsv</c>): a small set of well-known
/// pairs, not a complete interaction database. Columns: ingredient_a, ingredient_b, severity (hard_stop|warning), effect, source.
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
            if (c.Length != 5 || c[2] is not (FindingSeverity.HardStop or FindingSeverity.Warning))
            {
                throw new InvalidOperationException("The interaction table has a malformed line.");
            }

            rows.Add(new Interaction(c[0].ToLowerInvariant(), c[1].ToLowerInvariant(), c[2], c[3], c[4]));
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
