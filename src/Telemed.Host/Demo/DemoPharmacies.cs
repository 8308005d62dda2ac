using Telemed.Modules.Pharmacy.Contracts;

namespace Telemed.Host.Demo;

/// <summary>
/// Invented pharmacies near the demo clinics (three around Tverskaya in Moscow, one in Novosibirsk), and the pharmacy the
/// demo pharmacist works at (the first). Coordinates are WGS 84 decimal degrees.
/// </summary>
public static class DemoPharmacies
{
    public static readonly NewPharmacy[] All =
    [
        new("Apteka Tverskaya 8", "Tverskaya st. 8", "Moscow", 55.7601, 37.6105, "+7 495 555 10 01", "Daily 08:00–22:00"),
        new("Apteka Pushkinskaya", "Strastnoy blvd. 4", "Moscow", 55.7660, 37.6050, "+7 495 555 10 02", "Mon–Fri 09:00–21:00, Sat–Sun 10:00–18:00"),
        new("Apteka Belorusskaya 24h", "Lesnaya st. 5", "Moscow", 55.7770, 37.5850, "+7 495 555 10 03", "24 hours"),
        new("Apteka Krasny prospekt", "Krasny prospekt 30", "Novosibirsk", 55.0330, 82.9190, "+7 383 555 10 04", "Daily 08:00–21:00"),
    ];

    /// <summary>Seeds the pharmacies and attaches the demo pharmacist account to the first.</summary>
    public static async Task SeedAsync(IPharmacyModule pharmacies, Guid pharmacistUserId, CancellationToken ct)
    {
        var ids = new List<Guid>();
        foreach (var pharmacy in All)
        {
            ids.Add(await pharmacies.EnsurePharmacyAsync(pharmacy, ct));
        }

        await pharmacies.EnsurePharmacistAsync(pharmacistUserId, ids[0], ct);
    }
}
