using Hl7.Fhir.Model;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Fhir.Registry;
using Telemed.Modules.Fhir.Search;

namespace Telemed.Modules.Fhir.Resources;

/// <summary>
/// Doctors as Practitioner: the directory's public profile (name, languages, active). Any signed-in user may read it, as the
/// doctor directory is public. Id: the doctor profile id.
/// </summary>
internal sealed class PractitionerProvider(IDirectoryModule directory) : IFhirResourceProvider
{
    public string ResourceType => "Practitioner";
    public bool IsPatientData => false;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("name", SearchParamType.String, "The doctor's display name, or any word of it (prefix, case-insensitive).",
            r => ((Practitioner)r).Name.Select(n => n.Text ?? "").SelectMany(t => t.Split(' ').Prepend(t))) { Definition = "http://hl7.org/fhir/SearchParameter/Practitioner-name" },
        new("active", SearchParamType.Token, "Whether patients may book the doctor (true or false).",
            r => [new FhirToken(null, ((Practitioner)r).Active == true ? "true" : "false")]) { Definition = "http://hl7.org/fhir/SearchParameter/Practitioner-active" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct) =>
        FhirRefs.Guid(id) is { } doctorId && (await directory.FindDoctorsAsync(new DoctorFilter(DoctorId: doctorId, ActiveOnly: false), ct)).FirstOrDefault() is { } doctor
            ? new FhirFound(Map(doctor), null)
            : null;

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct) =>
        (await directory.FindDoctorsAsync(new DoctorFilter(ActiveOnly: false), ct)).Take(FhirSearch.CandidateLimit + 1).Select(Map).ToList();

    public static Practitioner Map(DoctorSummary doctor) => new()
    {
        Id = FhirRefs.Id(doctor.DoctorId),
        Active = doctor.Active,
        Name = [new HumanName { Text = doctor.DisplayName, Use = HumanName.NameUse.Official }],
        Communication = doctor.Languages.Select(l => new CodeableConcept { Text = l }).ToList(),
    };
}

/// <summary>A doctor's role: what they practise (specialties) and at which clinics. Id: the doctor profile id.</summary>
internal sealed class PractitionerRoleProvider(IDirectoryModule directory) : IFhirResourceProvider
{
    public string ResourceType => "PractitionerRole";
    public bool IsPatientData => false;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("practitioner", SearchParamType.Reference, "The doctor (Practitioner/{id}).", r => FhirRefs.References(((PractitionerRole)r).Practitioner))
            { Definition = "http://hl7.org/fhir/SearchParameter/PractitionerRole-practitioner" },
        new("location", SearchParamType.Reference, "A clinic the doctor works at (Location/{id}).", r => FhirRefs.References([.. ((PractitionerRole)r).Location]))
            { Definition = "http://hl7.org/fhir/SearchParameter/PractitionerRole-location" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct) =>
        FhirRefs.Guid(id) is { } doctorId && (await directory.FindDoctorsAsync(new DoctorFilter(DoctorId: doctorId, ActiveOnly: false), ct)).FirstOrDefault() is { } doctor
            ? new FhirFound(Map(doctor), null)
            : null;

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct) =>
        (await directory.FindDoctorsAsync(new DoctorFilter(ActiveOnly: false), ct)).Take(FhirSearch.CandidateLimit + 1).Select(Map).ToList();

    public static PractitionerRole Map(DoctorSummary doctor) => new()
    {
        Id = FhirRefs.Id(doctor.DoctorId),
        Active = doctor.Active,
        Practitioner = FhirRefs.To("Practitioner", doctor.DoctorId, doctor.DisplayName),
        Organization = doctor.ClinicIds.Count > 0 ? FhirRefs.To("Organization", doctor.ClinicIds[0]) : null,
        Location = doctor.ClinicIds.Select(c => FhirRefs.To("Location", c)).ToList(),
        Code = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/practitioner-role", "doctor", "Doctor")],
        Specialty = doctor.Specialties.Select(s => new CodeableConcept { Text = s }).ToList(),
    };
}

/// <summary>A clinic as an Organization (who) and as a Location (where); both have the clinic's id.</summary>
internal sealed class OrganizationProvider(IDirectoryModule directory) : IFhirResourceProvider
{
    public string ResourceType => "Organization";
    public bool IsPatientData => false;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("name", SearchParamType.String, "The clinic's name (prefix, case-insensitive).", r => ((Organization)r).Name is { } n ? [n] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/Organization-name" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct) =>
        FhirRefs.Guid(id) is { } clinicId && (await directory.GetClinicsAsync(ct)).FirstOrDefault(c => c.ClinicId == clinicId) is { } clinic
            ? new FhirFound(Map(clinic), null)
            : null;

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct) =>
        (await directory.GetClinicsAsync(ct)).Select(Map).ToList();

    public static Organization Map(ClinicSummary clinic) => new()
    {
        Id = FhirRefs.Id(clinic.ClinicId),
        Active = true,
        Name = clinic.Name,
        Type = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/organization-type", "prov", "Healthcare Provider")],
        Address = [new Address { City = clinic.City }],
    };
}

/// <summary>A clinic as a Location, managed by the clinic's Organization.</summary>
internal sealed class LocationProvider(IDirectoryModule directory) : IFhirResourceProvider
{
    public string ResourceType => "Location";
    public bool IsPatientData => false;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("name", SearchParamType.String, "The clinic's name (prefix, case-insensitive).", r => ((Location)r).Name is { } n ? [n] : [])
            { Definition = "http://hl7.org/fhir/SearchParameter/Location-name" },
        new("organization", SearchParamType.Reference, "The clinic as an organization (Organization/{id}).", r => FhirRefs.References(((Location)r).ManagingOrganization))
            { Definition = "http://hl7.org/fhir/SearchParameter/Location-organization" },
    ];

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct) =>
        FhirRefs.Guid(id) is { } clinicId && (await directory.GetClinicsAsync(ct)).FirstOrDefault(c => c.ClinicId == clinicId) is { } clinic
            ? new FhirFound(Map(clinic), null)
            : null;

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct) =>
        (await directory.GetClinicsAsync(ct)).Select(Map).ToList();

    public static Location Map(ClinicSummary clinic) => new()
    {
        Id = FhirRefs.Id(clinic.ClinicId),
        Status = Location.LocationStatus.Active,
        Mode = Location.LocationMode.Instance,
        Name = clinic.Name,
        Address = new Address { City = clinic.City },
        ManagingOrganization = FhirRefs.To("Organization", clinic.ClinicId, clinic.Name),
    };
}

/// <summary>
/// A doctor's schedule at one clinic (their weekly hours there are the scheduling module's). Id: the doctor's and the clinic's
/// ids without hyphens, run together (64 characters).
/// </summary>
internal sealed class ScheduleProvider(IDirectoryModule directory) : IFhirResourceProvider
{
    public string ResourceType => "Schedule";
    public bool IsPatientData => false;

    public IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("actor", SearchParamType.Reference, "The doctor (Practitioner/{id}) or the clinic (Location/{id}).", r => FhirRefs.References([.. ((Schedule)r).Actor]))
            { Definition = "http://hl7.org/fhir/SearchParameter/Schedule-actor" },
        new("active", SearchParamType.Token, "Whether the schedule is in use (true or false).", r => [new FhirToken(null, ((Schedule)r).Active == true ? "true" : "false")])
            { Definition = "http://hl7.org/fhir/SearchParameter/Schedule-active" },
    ];

    public static string IdOf(Guid doctorId, Guid clinicId) => doctorId.ToString("N") + clinicId.ToString("N");

    public async Task<FhirFound?> ReadAsync(string id, CancellationToken ct)
    {
        if (id.Length != 64 || !Guid.TryParseExact(id[..32], "N", out var doctorId) || !Guid.TryParseExact(id[32..], "N", out var clinicId))
        {
            return null;
        }

        var doctor = (await directory.FindDoctorsAsync(new DoctorFilter(DoctorId: doctorId, ActiveOnly: false), ct)).FirstOrDefault();
        var clinic = (await directory.GetClinicsAsync(ct)).FirstOrDefault(c => c.ClinicId == clinicId);
        return doctor is not null && clinic is not null && doctor.ClinicIds.Contains(clinicId) ? new FhirFound(Map(doctor, clinic), null) : null;
    }

    public async Task<IReadOnlyList<Resource>> LoadAsync(IReadOnlyCollection<Guid>? patientIds, FhirSearch search, CancellationToken ct)
    {
        var clinics = (await directory.GetClinicsAsync(ct)).ToDictionary(c => c.ClinicId);
        var doctors = await directory.FindDoctorsAsync(new DoctorFilter(ActiveOnly: false), ct);
        return doctors.SelectMany(d => d.ClinicIds.Where(clinics.ContainsKey).Select(c => (Resource)Map(d, clinics[c]))).Take(FhirSearch.CandidateLimit + 1).ToList();
    }

    public static Schedule Map(DoctorSummary doctor, ClinicSummary clinic) => new()
    {
        Id = IdOf(doctor.DoctorId, clinic.ClinicId),
        Active = doctor.Active,
        Actor = [FhirRefs.To("Practitioner", doctor.DoctorId, doctor.DisplayName), FhirRefs.To("Location", clinic.ClinicId, clinic.Name)],
        Specialty = doctor.Specialties.Select(s => new CodeableConcept { Text = s }).ToList(),
        Comment = $"{doctor.DisplayName} at {clinic.Name}",
    };
}
