namespace Telemed.Modules.Pharmacy.Geography;

/// <summary>
/// A point on the Earth in decimal degrees (WGS 84): latitude −90..90 (north positive), longitude −180..180 (east positive).
/// Distances are great-circle distances on a sphere of the Earth's mean radius, in kilometres.
/// </summary>
internal readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>The Earth's mean radius in kilometres (IUGG).</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Whether both coordinates are finite and within their ranges.</summary>
    public static bool IsValid(double latitude, double longitude) =>
        double.IsFinite(latitude) && double.IsFinite(longitude) && latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    /// <summary>The haversine great-circle distance to <paramref name="other"/>, in kilometres.</summary>
    public double DistanceKmTo(GeoPoint other)
    {
        var dLat = ToRadians(other.Latitude - Latitude);
        var dLon = ToRadians(other.Longitude - Longitude);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(ToRadians(Latitude)) * Math.Cos(ToRadians(other.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>
    /// A latitude/longitude box that holds every point within <paramref name="radiusKm"/> of this one: the cheap indexed
    /// prefilter before the exact distance. Near a pole, or when the box would cross the antimeridian, the longitude
    /// range is the whole circle (a wider box only costs a few more rows; a narrower one would lose pharmacies).
    /// </summary>
    public GeoBox BoxAround(double radiusKm)
    {
        var dLat = radiusKm / EarthRadiusKm * (180 / Math.PI);
        var minLat = Math.Max(-90, Latitude - dLat);
        var maxLat = Math.Min(90, Latitude + dLat);
        var cos = Math.Cos(ToRadians(Math.Max(Math.Abs(minLat), Math.Abs(maxLat))));
        if (cos < 1e-6)
        {
            return new GeoBox(minLat, maxLat, -180, 180);
        }

        var dLon = dLat / cos;
        var minLon = Longitude - dLon;
        var maxLon = Longitude + dLon;
        return minLon < -180 || maxLon > 180 ? new GeoBox(minLat, maxLat, -180, 180) : new GeoBox(minLat, maxLat, minLon, maxLon);
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}

/// <summary>An axis-aligned latitude/longitude box in decimal degrees (bounds inclusive).</summary>
internal readonly record struct GeoBox(double MinLatitude, double MaxLatitude, double MinLongitude, double MaxLongitude);
