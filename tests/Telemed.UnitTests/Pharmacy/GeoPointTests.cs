using Telemed.Modules.Pharmacy.Geography;

namespace Telemed.UnitTests.Pharmacy;

/// <summary>Great-circle distances and the bounding box that prefilters "pharmacies near me".</summary>
public sealed class GeoPointTests
{
    private static readonly GeoPoint Tverskaya = new(55.7652, 37.6050);

    [Fact]
    public void The_distance_from_Moscow_to_Novosibirsk_is_about_2800_km_and_the_same_both_ways()
    {
        var novosibirsk = new GeoPoint(55.0302, 82.9204);
        Tverskaya.DistanceKmTo(novosibirsk).ShouldBe(2812, 15);
        novosibirsk.DistanceKmTo(Tverskaya).ShouldBe(Tverskaya.DistanceKmTo(novosibirsk), 1e-9);
        Tverskaya.DistanceKmTo(Tverskaya).ShouldBe(0, 1e-9);
    }

    [Fact]
    public void One_degree_of_latitude_is_about_111_km_and_antipodes_are_half_the_circumference_apart()
    {
        new GeoPoint(0, 0).DistanceKmTo(new GeoPoint(1, 0)).ShouldBe(111.2, 0.1);
        new GeoPoint(0, 0).DistanceKmTo(new GeoPoint(0, 180)).ShouldBe(Math.PI * GeoPoint.EarthRadiusKm, 0.01);
    }

    [Theory]
    [InlineData(90.0001, 0)]
    [InlineData(-90.5, 0)]
    [InlineData(0, 180.01)]
    [InlineData(0, -181)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, double.PositiveInfinity)]
    public void Coordinates_out_of_range_or_not_finite_are_invalid(double latitude, double longitude) =>
        GeoPoint.IsValid(latitude, longitude).ShouldBeFalse();

    [Fact]
    public void Coordinates_at_the_edges_are_valid() =>
        (GeoPoint.IsValid(90, 180) && GeoPoint.IsValid(-90, -180) && GeoPoint.IsValid(0, 0)).ShouldBeTrue();

    [Fact]
    public void The_box_holds_every_point_within_the_radius_in_each_direction()
    {
        var box = Tverskaya.BoxAround(10);
        foreach (var bearing in Enumerable.Range(0, 36).Select(i => i * 10.0))
        {
            var point = Destination(Tverskaya, bearing, 9.99);
            point.Latitude.ShouldBeInRange(box.MinLatitude, box.MaxLatitude);
            point.Longitude.ShouldBeInRange(box.MinLongitude, box.MaxLongitude);
        }

        // And it is a box of about the radius, not the whole map.
        (box.MaxLatitude - box.MinLatitude).ShouldBeLessThan(0.2);
    }

    [Fact]
    public void Near_the_antimeridian_or_a_pole_the_box_takes_every_longitude()
    {
        var fiji = new GeoPoint(-17.7, 179.95).BoxAround(20);
        (fiji.MinLongitude, fiji.MaxLongitude).ShouldBe((-180, 180));
        var pole = new GeoPoint(89.99, 10).BoxAround(50);
        (pole.MinLongitude, pole.MaxLongitude).ShouldBe((-180, 180));
        pole.MaxLatitude.ShouldBe(90);
    }

    private static GeoPoint Destination(GeoPoint start, double bearingDegrees, double km)
    {
        var d = km / GeoPoint.EarthRadiusKm;
        var b = bearingDegrees * Math.PI / 180;
        var lat1 = start.Latitude * Math.PI / 180;
        var lon1 = start.Longitude * Math.PI / 180;
        var lat2 = Math.Asin(Math.Sin(lat1) * Math.Cos(d) + Math.Cos(lat1) * Math.Sin(d) * Math.Cos(b));
        var lon2 = lon1 + Math.Atan2(Math.Sin(b) * Math.Sin(d) * Math.Cos(lat1), Math.Cos(d) - Math.Sin(lat1) * Math.Sin(lat2));
        return new GeoPoint(lat2 * 180 / Math.PI, lon2 * 180 / Math.PI);
    }
}
