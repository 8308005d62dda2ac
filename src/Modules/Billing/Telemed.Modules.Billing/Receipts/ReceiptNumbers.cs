using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments;

namespace Telemed.Modules.Billing.Receipts;

/// <summary>
/// Issues a payment's receipt with the clinic's next number for the year. Two receipts issued at once may pick the same number: the
/// unique index refuses the second, which takes the next one (a few tries), so numbers stay gap-free and never repeat.
/// </summary>
internal sealed class ReceiptNumbers(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>The payment's receipt, issuing it now when it has none yet.</summary>
    public async Task<Receipt> EnsureAsync(Payment payment, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
            if (await db.Receipts.AsNoTracking().SingleOrDefaultAsync(r => r.PaymentId == payment.Id, ct) is { } existing)
            {
                return existing;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var last = await db.Receipts.Where(r => r.ClinicId == payment.ClinicId && r.Year == now.Year).MaxAsync(r => (int?)r.Number, ct) ?? 0;
            var receipt = new Receipt { Id = Guid.NewGuid(), PaymentId = payment.Id, ClinicId = payment.ClinicId, Year = now.Year, Number = last + 1, IssuedAt = now };
            db.Receipts.Add(receipt);
            try
            {
                await db.SaveChangesAsync(ct);
                return receipt;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 5)
            {
                // Another receipt took this number, or this payment's receipt was issued meanwhile: look again.
            }
        }
    }
}
