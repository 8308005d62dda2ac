using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Pharmacy.Contracts;
using Telemed.Modules.Pharmacy.Dispensing;
using Telemed.Modules.Pharmacy.Pharmacies.Administer;

namespace Telemed.Modules.Pharmacy.Infrastructure;

internal sealed class DispensingStatusFacade(PharmacyDbContext db) : IDispensingStatus
{
    public async Task<IReadOnlyDictionary<Guid, DispensingStatusView>> GetAsync(IReadOnlyCollection<Guid> prescriptionIds, CancellationToken ct = default)
    {
        if (prescriptionIds.Count == 0)
        {
            return new Dictionary<Guid, DispensingStatusView>();
        }

        var ids = prescriptionIds.Distinct().ToList();
        var states = await db.Dispensings.AsNoTracking().Where(d => ids.Contains(d.PrescriptionId) && d.Status != "").ToListAsync(ct);
        var pharmacyIds = states.Select(s => s.LastPharmacyId ?? s.PharmacyId).OfType<Guid>().Distinct().ToList();
        var names = await db.Pharmacies.AsNoTracking().Where(p => pharmacyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return states.ToDictionary(s => s.PrescriptionId, s => View(s, (s.LastPharmacyId ?? s.PharmacyId) is { } p ? names.GetValueOrDefault(p) : null));
    }

    /// <summary>The state as the patient and the verification page see it (no decline reason: that stays with the pharmacy).</summary>
    internal static DispensingStatusView View(PrescriptionDispensing state, string? pharmacyName) =>
        new(state.PrescriptionId, state.Status, state.LastPharmacyId ?? state.PharmacyId, pharmacyName, state.QuantityDispensed, state.QuantityPrescribed, state.UpdatedAt);
}

internal sealed class PharmacyFacade(PharmacyDbContext db, TimeProvider clock) : IPharmacyModule
{
    public async Task<Guid> EnsurePharmacyAsync(NewPharmacy pharmacy, CancellationToken ct = default)
    {
        var name = pharmacy.Name.Trim();
        var address = pharmacy.Address.Trim();
        if (await db.Pharmacies.AsNoTracking().Where(p => p.Name == name && p.Address == address).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct) is { } id)
        {
            return id;
        }

        var opened = Pharmacies.PharmacyStore.Open(name, address, pharmacy.City, pharmacy.Latitude, pharmacy.Longitude, pharmacy.Phone, pharmacy.OpeningHours,
            clock.GetUtcNow().UtcDateTime);
        if (!opened.IsSuccess)
        {
            throw new ArgumentException(opened.Error!.Message, nameof(pharmacy));
        }

        db.Pharmacies.Add(opened.Value);
        await db.SaveChangesAsync(ct);
        return opened.Value.Id;
    }

    public Task EnsurePharmacistAsync(Guid userId, Guid pharmacyId, CancellationToken ct = default) =>
        PharmacyAdminEndpoints.MakeMemberAsync(db, userId, pharmacyId, clock.GetUtcNow().UtcDateTime, ct);
}
