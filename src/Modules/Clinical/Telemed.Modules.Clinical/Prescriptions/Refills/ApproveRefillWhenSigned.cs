using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Infrastructure;

namespace Telemed.Modules.Clinical.Prescriptions.Refills;

/// <summary>
/// When a prescription drafted to approve a refill is signed, the refill request becomes approved (and raises
/// <see cref="RefillRequestDecided"/>, which notifies the patient). Driven by <see cref="PrescriptionSigned"/> through the
/// outbox so the signing code knows nothing of refills; idempotent.
/// </summary>
internal sealed class ApproveRefillWhenSigned(ClinicalDbContext db) : IIntegrationEventHandler<PrescriptionSigned>
{
    public async Task HandleAsync(PrescriptionSigned e, CancellationToken ct)
    {
        var refill = await db.RefillRequests.FirstOrDefaultAsync(r => r.NewPrescriptionId == e.PrescriptionId, ct);
        if (refill is not null && refill.CompleteApproval(e.SignedAt))
        {
            await db.SaveChangesAsync(ct);
        }
    }
}
