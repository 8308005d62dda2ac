namespace Telemed.Modules.Clinical.Prescriptions.Checks;

/// <summary>
/// The medicine interacts with one of the patient's other active prescriptions according to the interaction table
/// (<see cref="InteractionTable"/>): contraindicated pairs (e.g. simvastatin + clarithromycin) are hard stops, the rest
/// warnings; each finding cites the table row's source.
/// </summary>
internal sealed class KnownInteraction(IReadOnlyList<Interaction> table) : IPrescriptionCheck
{
    public const string Code = "interaction";

    public IEnumerable<PrescriptionFinding> Check(PrescriptionCheckContext context)
    {
        var ingredient = context.Content.Medication.ActiveIngredient.ToLowerInvariant();
        foreach (var other in context.OtherActiveIngredients.Select(i => i.ToLowerInvariant()).Distinct())
        {
            var row = table.FirstOrDefault(r => (r.IngredientA == ingredient && r.IngredientB == other) || (r.IngredientA == other && r.IngredientB == ingredient));
            if (row is not null)
            {
                yield return new PrescriptionFinding(Code, row.Severity,
                    FindingWording.Interaction(FindingWording.Ingredient(context.Content.Medication, context.Language), context.NameOfOther(other),
                        row.EffectIn(context.Language), context.Language), row.Source);
            }
        }
    }
}
