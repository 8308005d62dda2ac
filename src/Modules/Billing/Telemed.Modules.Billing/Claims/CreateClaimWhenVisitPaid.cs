using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments;
using Telemed.Modules.Directory.Contracts;

namespace Telemed.Modules.Billing.Claims;

/// <summary>
/// A visit paid by a patient with an insurer on record gets a draft claim for the captured amount, for the clinic to submit. Fees are not
/// claimed. Idempotent: the unique index on the payment makes a redelivered event create nothing.
/// </summary>
internal sealed class CreateClaimWhenVisitPaid(BillingDbContext db, IDirectoryModule directory, TimeProvider clock) : IIntegrationEventHandler<PaymentCaptured>
{
    public async Task HandleAsync(PaymentCaptured e, CancellationToken cancellationToken)
    {
        if (e.Reason != SettlementReasons.Visit || await db.Claims.AnyAsync(c => c.PaymentId == e.PaymentId, cancellationToken))
        {
            return;
        }

        var insurance = await directory.GetInsuranceAsync(e.PatientId, cancellationToken);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == e.PaymentId, cancellationToken);
        if (insurance is null || payment is null)
        {
            return;
        }

        db.Claims.Add(InsuranceClaim.Draft(payment, insurance.Provider, insurance.PolicyNumber, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Delivered twice at once: the other delivery made it.
        }
    }
}
