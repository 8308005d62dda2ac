using Microsoft.AspNetCore.Http;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Billing.Infrastructure;

namespace Telemed.Modules.Billing.ClinicRules;

/// <summary>
/// A clinic's billing rules: increment 1–60 minutes, minimum charge in minor units (≥ 0), a factor 0.1–10 per qualification category
/// (none, second, first, highest) and the late-cancellation / no-show fee as 0–100 % of the quote.
/// </summary>
public sealed record ClinicBillingRulesView(int IncrementMinutes, long MinimumChargeMinor, decimal FactorNone, decimal FactorSecond, decimal FactorFirst,
    decimal FactorHighest, int LateCancellationFeePercent);

internal sealed class ClinicBillingRulesViewValidator : AbstractValidator<ClinicBillingRulesView>
{
    public ClinicBillingRulesViewValidator()
    {
        RuleFor(r => r.IncrementMinutes).InclusiveBetween(1, 60);
        RuleFor(r => r.MinimumChargeMinor).InclusiveBetween(0, 100_000_000);
        RuleFor(r => r.FactorNone).InclusiveBetween(0.1m, 10m);
        RuleFor(r => r.FactorSecond).InclusiveBetween(0.1m, 10m);
        RuleFor(r => r.FactorFirst).InclusiveBetween(0.1m, 10m);
        RuleFor(r => r.FactorHighest).InclusiveBetween(0.1m, 10m);
        RuleFor(r => r.LateCancellationFeePercent).InclusiveBetween(0, 100);
    }
}

/// <summary><c>/api/v1/admin/clinics/{clinicId}/billing-rules</c>: read and replace (audited). A clinic never set uses the defaults.</summary>
internal static class ClinicRulesEndpoints
{
    public static async Task<Ok<ClinicBillingRulesView>> GetAsync(Guid clinicId, BillingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(View(await db.ClinicRules.AsNoTracking().SingleOrDefaultAsync(r => r.ClinicId == clinicId, ct) ?? ClinicBillingRules.DefaultFor(clinicId)));

    /// <summary>Replaces the clinic's rules; booked visits keep the rules stored with their quote.</summary>
    public static async Task<Ok<ClinicBillingRulesView>> PutAsync(Guid clinicId, ClinicBillingRulesView body, BillingDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        var rules = await db.ClinicRules.SingleOrDefaultAsync(r => r.ClinicId == clinicId, ct);
        if (rules is null)
        {
            rules = ClinicBillingRules.DefaultFor(clinicId);
            db.ClinicRules.Add(rules);
        }

        rules.IncrementMinutes = body.IncrementMinutes;
        rules.MinimumChargeMinor = body.MinimumChargeMinor;
        rules.FactorNone = body.FactorNone;
        rules.FactorSecond = body.FactorSecond;
        rules.FactorFirst = body.FactorFirst;
        rules.FactorHighest = body.FactorHighest;
        rules.LateCancellationFeePercent = body.LateCancellationFeePercent;
        rules.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        db.AuditWithNextSave("billing.rules_changed", "Clinic", clinicId.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(rules));
    }

    private static ClinicBillingRulesView View(ClinicBillingRules r) =>
        new(r.IncrementMinutes, r.MinimumChargeMinor, r.FactorNone, r.FactorSecond, r.FactorFirst, r.FactorHighest, r.LateCancellationFeePercent);
}
