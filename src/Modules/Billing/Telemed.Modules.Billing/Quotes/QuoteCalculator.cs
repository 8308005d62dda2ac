using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.ClinicRules;
using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments;
using Telemed.Modules.Billing.Pricing;
using Telemed.Modules.Directory.Contracts;
using Money = Telemed.Modules.Billing.Contracts.Money;

namespace Telemed.Modules.Billing.Quotes;

/// <summary>Prices a visit of a doctor at a clinic from the directory's rate and qualification and the clinic's billing rules.</summary>
internal sealed class QuoteCalculator(IDirectoryModule directory, BillingDbContext db)
{
    public static readonly Error DoctorNotFound = new("billing.doctor_not_found", "There is no such doctor at this clinic.", ErrorKind.NotFound);

    /// <summary>
    /// The quote for <paramref name="minutes"/> with the doctor at the clinic. Errors: 404 <c>billing.doctor_not_found</c> (unknown doctor,
    /// or not at that clinic), 422 <c>billing.invalid_rate</c> / <c>billing.invalid_duration</c>.
    /// </summary>
    public async Task<Result<PaymentQuote>> QuoteAsync(Guid doctorId, Guid clinicId, int minutes, CancellationToken ct)
    {
        var doctor = (await directory.FindDoctorsAsync(new DoctorFilter(DoctorId: doctorId, ActiveOnly: false), ct)).FirstOrDefault();
        if (doctor is null || !doctor.ClinicIds.Contains(clinicId))
        {
            return DoctorNotFound;
        }

        var stored = await RulesAsync(clinicId, ct);
        var rate = new Money(doctor.HourlyRate.AmountMinor, doctor.HourlyRate.Currency);
        var quote = ConsultationPricing.QuoteFor(rate, doctor.QualificationCategory, minutes, stored.ToRules());
        if (!quote.IsSuccess)
        {
            return quote.Error!;
        }

        var q = quote.Value;
        return new PaymentQuote(q.Amount.AmountMinor, q.Amount.Currency, q.Minutes, rate.AmountMinor, q.QualificationFactor, q.IncrementMinutes,
            stored.MinimumChargeMinor, stored.LateCancellationFeePercent);
    }

    /// <summary>
    /// The clinic's stored rules, or the defaults when it has none. Read once per clinic in this calculator's scope (a request, or
    /// a batch of bookings' payments, where one read per payment was the batch's costliest query).
    /// </summary>
    public async Task<ClinicBillingRules> RulesAsync(Guid clinicId, CancellationToken ct)
    {
        if (!_rules.TryGetValue(clinicId, out var rules))
        {
            rules = await db.ClinicRules.AsNoTracking().SingleOrDefaultAsync(r => r.ClinicId == clinicId, ct) ?? ClinicBillingRules.DefaultFor(clinicId);
            _rules[clinicId] = rules;
        }

        return rules;
    }

    private readonly Dictionary<Guid, ClinicBillingRules> _rules = [];
}
