using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Pharmacy.Geography;
using Telemed.Modules.Pharmacy.Infrastructure;

namespace Telemed.Modules.Pharmacy.Pharmacies.FindNearby;

/// <summary>
/// A pharmacy near the asked point: coordinates in decimal degrees, <paramref name="DistanceKm"/> the great-circle
/// distance in kilometres (rounded to 0.01 km), opening hours as the pharmacy states them.
/// </summary>
public sealed record NearbyPharmacy(Guid Id, string Name, string Address, string City, double Latitude, double Longitude, string Phone,
    string OpeningHours, double DistanceKm);

/// <summary>
/// <c>GET /pharmacies?lat=&amp;lon=&amp;radiusKm=</c>: active pharmacies within <c>radiusKm</c> (default 25, 1–500) of the
/// point, nearest first, at most 50. A bounding box on the indexed latitude/longitude columns narrows the rows in SQL;
/// the exact haversine distance and the order are computed here, so SQLite and PostgreSQL answer the same.
/// Coordinates are never logged.
/// </summary>
internal static class FindNearbyPharmacies
{
    public const double DefaultRadiusKm = 25;
    public const double MaxRadiusKm = 500;
    public const int MaxResults = 50;

    /// <summary>200 with the list (possibly empty); 400 <c>pharmacy.invalid_coordinates</c> or <c>pharmacy.invalid_radius</c>.</summary>
    public static async Task<Results<Ok<IReadOnlyList<NearbyPharmacy>>, ProblemHttpResult>> EndpointAsync(string? lat, string? lon, string? radiusKm,
        PharmacyDbContext db, CancellationToken ct)
    {
        if (!TryParse(lat, out var latitude) || !TryParse(lon, out var longitude) || !GeoPoint.IsValid(latitude, longitude))
        {
            return Problems.From(PharmacyStore.InvalidCoordinates);
        }

        var radius = DefaultRadiusKm;
        if (radiusKm is not null && (!TryParse(radiusKm, out radius) || radius is < 1 or > MaxRadiusKm))
        {
            return Problems.From(Error.Validation("pharmacy.invalid_radius", "The radius must be between 1 and 500 km."));
        }

        var here = new GeoPoint(latitude, longitude);
        return TypedResults.Ok(await NearAsync(db, here, radius, ct));
    }

    /// <summary>The active pharmacies within <paramref name="radiusKm"/> of <paramref name="here"/>, nearest first (ties by name).</summary>
    public static async Task<IReadOnlyList<NearbyPharmacy>> NearAsync(PharmacyDbContext db, GeoPoint here, double radiusKm, CancellationToken ct)
    {
        var box = here.BoxAround(radiusKm);
        var candidates = await db.Pharmacies.AsNoTracking()
            .Where(p => p.Active && p.Latitude >= box.MinLatitude && p.Latitude <= box.MaxLatitude && p.Longitude >= box.MinLongitude && p.Longitude <= box.MaxLongitude)
            // Nearest-ish first (degrees, in SQL), so the cap on a crowded box drops the farthest, never the nearest.
            .OrderBy(p => Math.Abs(p.Latitude - here.Latitude) + Math.Abs(p.Longitude - here.Longitude))
            .Take(5000)
            .ToListAsync(ct);
        return candidates
            .Select(p => (Pharmacy: p, Distance: here.DistanceKmTo(p.Location)))
            .Where(x => x.Distance <= radiusKm)
            .OrderBy(x => x.Distance).ThenBy(x => x.Pharmacy.Name, StringComparer.Ordinal)
            .Take(MaxResults)
            .Select(x => new NearbyPharmacy(x.Pharmacy.Id, x.Pharmacy.Name, x.Pharmacy.Address, x.Pharmacy.City, x.Pharmacy.Latitude, x.Pharmacy.Longitude,
                x.Pharmacy.Phone, x.Pharmacy.OpeningHours, Math.Round(x.Distance, 2)))
            .ToList();
    }

    private static bool TryParse(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
