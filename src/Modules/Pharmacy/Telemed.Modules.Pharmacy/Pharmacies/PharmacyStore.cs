using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Pharmacy.Geography;

namespace Telemed.Modules.Pharmacy.Pharmacies;

/// <summary>
/// A pharmacy patients can send prescriptions to. Independent of the clinics (any pharmacy may dispense any clinic's
/// prescription). Coordinates are WGS 84 decimal degrees; opening hours are short free text in the pharmacy's own words.
/// Not PHI. Times are UTC.
/// </summary>
internal sealed class PharmacyStore
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 300;
    public const int MaxHoursLength = 300;

    public static readonly Error InvalidCoordinates = Error.Validation("pharmacy.invalid_coordinates",
        "Latitude must be between -90 and 90 and longitude between -180 and 180.");

    private PharmacyStore()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Address { get; private set; } = "";
    public string City { get; private set; } = "";
    public double Latitude { get; private set; }
    public double Longitude { get; private set; }
    public string Phone { get; private set; } = "";
    public string OpeningHours { get; private set; } = "";

    /// <summary>Inactive pharmacies are not offered to patients and receive no new prescriptions.</summary>
    public bool Active { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public GeoPoint Location => new(Latitude, Longitude);

    /// <summary>Opens a pharmacy; error <c>pharmacy.invalid_coordinates</c>. Text fields are trimmed.</summary>
    public static Result<PharmacyStore> Open(string name, string address, string city, double latitude, double longitude, string phone, string openingHours, DateTime now)
    {
        var pharmacy = new PharmacyStore { Id = Guid.CreateVersion7(), Active = true };
        var edited = pharmacy.Edit(name, address, city, latitude, longitude, phone, openingHours, true, now);
        return edited.IsSuccess ? pharmacy : edited.Error!;
    }

    /// <summary>Changes every field; error <c>pharmacy.invalid_coordinates</c>.</summary>
    public Result<PharmacyStore> Edit(string name, string address, string city, double latitude, double longitude, string phone, string openingHours, bool active, DateTime now)
    {
        if (!GeoPoint.IsValid(latitude, longitude))
        {
            return InvalidCoordinates;
        }

        Name = name.Trim();
        Address = address.Trim();
        City = city.Trim();
        Latitude = latitude;
        Longitude = longitude;
        Phone = phone.Trim();
        OpeningHours = openingHours.Trim();
        Active = active;
        UpdatedAt = now;
        return this;
    }
}

/// <summary>A pharmacist account's pharmacy: one pharmacy per account (the user id is the key). UTC.</summary>
internal sealed class PharmacistMembership
{
    private PharmacistMembership()
    {
    }

    public Guid UserId { get; private set; }
    public Guid PharmacyId { get; private set; }
    public DateTime AddedAt { get; private set; }

    public static PharmacistMembership Of(Guid userId, Guid pharmacyId, DateTime now) => new() { UserId = userId, PharmacyId = pharmacyId, AddedAt = now };

    /// <summary>Moves the pharmacist to another pharmacy.</summary>
    public void MoveTo(Guid pharmacyId, DateTime now)
    {
        PharmacyId = pharmacyId;
        AddedAt = now;
    }
}
