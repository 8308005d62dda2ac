using Telemed.BuildingBlocks.Auditing;
using Microsoft.EntityFrameworkCore;
using Telemed.Modules.Directory.Clinics;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Doctors;
using Telemed.Modules.Directory.Patients;

namespace Telemed.Modules.Directory.Infrastructure;

internal sealed class DirectoryFacade(DirectoryDbContext db, PatientRecords patients, DirectoryCache cache, TimeProvider clock, AuditScope audit) : IDirectoryModule
{
    public async Task<Guid> EnsureClinicAsync(NewClinic clinic, CancellationToken cancellationToken = default)
    {
        if (ClinicTimeZone.CanonicalId(clinic.TimeZone) is not { } timeZone)
        {
            throw new ArgumentException($"Unknown IANA time zone '{clinic.TimeZone}'.", nameof(clinic));
        }

        // The same clinic in any letter case (ClinicNameKey): a seed run again never adds "city clinic" beside "City Clinic".
        var key = ClinicNameKey.Of(clinic.Name);
        var existing = await db.Clinics.FirstOrDefaultAsync(c => c.NameKey == key || c.Name == clinic.Name, cancellationToken);
        if (existing is not null)
        {
            // Translations are added to clinics seeded before they existed; an admin's other edits stay.
            if (clinic.Translations is { Count: > 0 } missing && existing.Translations.Count == 0)
            {
                existing.Translate(missing);
                await db.SaveChangesAsync(cancellationToken);
            }

            return existing.Id;
        }

        var created = new Clinic { Name = clinic.Name, Address = clinic.Address, City = clinic.City, Latitude = clinic.Latitude, Longitude = clinic.Longitude, TimeZone = timeZone };
        created.Translate(clinic.Translations ?? new Dictionary<string, ClinicTexts>());
        db.Clinics.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return created.Id;
    }

    public async Task<Guid> EnsureDoctorProfileAsync(NewDoctorProfile d, CancellationToken cancellationToken = default)
    {
        var doctor = await db.Doctors.Include(x => x.Specialties).Include(x => x.Languages).Include(x => x.Clinics)
            .SingleOrDefaultAsync(x => x.UserId == d.UserId, cancellationToken);
        if (doctor is null)
        {
            doctor = new DoctorProfile { UserId = d.UserId, DisplayName = d.DisplayName };
            db.Doctors.Add(doctor);
        }

        doctor.Rename(d.DisplayName);
        doctor.SetSpecialties(d.Specialties.Where(Specialties.IsKnown));
        doctor.SetLanguages(d.Languages);
        doctor.QualificationCategory = Enum.Parse<QualificationCategory>(d.QualificationCategory, ignoreCase: true);
        doctor.Education = d.Education.ToList();
        doctor.YearsOfExperience = d.YearsOfExperience;
        doctor.HourlyRateMinor = d.HourlyRate.AmountMinor;
        doctor.Currency = d.HourlyRate.Currency;
        doctor.Bio = d.Bio;
        doctor.TranslateBio(d.BioTranslations ?? new Dictionary<string, string>());
        doctor.SetClinics(d.ClinicIds);
        var now = clock.GetUtcNow().UtcDateTime;
        if (d.VerifiedLicence is { } licence)
        {
            // Seeded as verified in the same act, so an active doctor re-seeded with a renewed licence never holds an unverified one;
            // the same record keeps its first verification.
            var unchanged = doctor.HoldsLicence(licence.Number, licence.Issuer, licence.ExpiresOn) && doctor.LicenceVerifiedAt is not null;
            doctor.RecordLicence(licence.Number, licence.Issuer, licence.ExpiresOn, unchanged ? null : (null, now));
        }

        if (d.Active)
        {
            var activated = doctor.ChangeStatus(DoctorStatus.Active, DateOnly.FromDateTime(now));
            if (!activated.IsSuccess)
            {
                throw new InvalidOperationException($"Cannot activate the seeded doctor profile: {activated.Error!.Message}");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return doctor.Id;
    }

    public async Task<Guid> EnsurePatientProfileAsync(NewPatientProfile patient, CancellationToken cancellationToken = default) =>
        (await patients.EnsureAsync(patient, cancellationToken)).Id;

    public async Task<Guid> EnsureDependentAsync(Guid guardianUserId, string givenName, string familyName, DateOnly dateOfBirth, string sex,
        CancellationToken cancellationToken = default)
    {
        var ids = await db.Guardians.AsNoTracking().Where(g => g.GuardianUserId == guardianUserId).Select(g => g.PatientId).ToListAsync(cancellationToken);
        // Names are encrypted at rest: compared after loading the guardian's few children.
        var existing = (await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken))
            .FirstOrDefault(p => p.GivenName == givenName && p.DateOfBirth == dateOfBirth);
        if (existing is not null)
        {
            return existing.Id;
        }

        var guardian = await db.Patients.AsNoTracking().SingleAsync(p => p.UserId == guardianUserId, cancellationToken);
        var child = patients.Add(new NewPatientProfile(Guid.NewGuid(), givenName, familyName, dateOfBirth, sex, "", "", guardian.Address,
            guardian.PreferredLanguage, "", "", [], []));
        db.Guardians.Add(new Patients.Dependents.PatientGuardian { PatientId = child.Id, GuardianUserId = guardianUserId, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return child.Id;
    }

    public Task<IReadOnlyList<ClinicSummary>> GetClinicsAsync(CancellationToken cancellationToken = default) =>
        cache.Clinics.GetOrLoadAsync(true, async () => (IReadOnlyList<ClinicSummary>)await db.Clinics.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new ClinicSummary(c.Id, c.Name, c.City, c.TimeZone, c.Translations)).ToListAsync(cancellationToken));

    public async Task<IReadOnlyList<DoctorSummary>> FindDoctorsAsync(DoctorFilter filter, CancellationToken cancellationToken = default)
    {
        if (filter is { DoctorId: { } id, Specialty: null, Language: null, ClinicId: null })
        {
            var one = await DoctorAsync(id, cancellationToken);
            return one is null || (filter.ActiveOnly && !one.Active) ? [] : [one];
        }

        var doctors = await Matching(filter).Include(d => d.Specialties).Include(d => d.Languages).Include(d => d.Clinics)
            .OrderBy(d => d.NormalizedName).ThenBy(d => d.Id).ToListAsync(cancellationToken);
        return doctors.Select(Summary).ToList();
    }

    public Task<(IReadOnlyList<DoctorSummary> Items, int Total)> FindDoctorsPageAsync(DoctorFilter filter, int skip, int take,
        CancellationToken cancellationToken = default) =>
        cache.Pages.GetOrLoadAsync((filter, skip, take), () => LoadDoctorsPageAsync(filter, skip, take, cancellationToken));

    private async Task<(IReadOnlyList<DoctorSummary> Items, int Total)> LoadDoctorsPageAsync(DoctorFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        var total = await Matching(filter).CountAsync(cancellationToken);
        var page = await Matching(filter).OrderBy(d => d.NormalizedName).ThenBy(d => d.Id).Skip(skip).Take(take)
            .Include(d => d.Specialties).Include(d => d.Languages).Include(d => d.Clinics).ToListAsync(cancellationToken);
        return (page.Select(Summary).ToList(), total);
    }

    /// <summary>One doctor in one query (the three small collections joined, not split), cached; an unknown id is not cached.</summary>
    private async Task<DoctorSummary?> DoctorAsync(Guid doctorId, CancellationToken ct)
    {
        if (cache.Doctors.TryGet(doctorId, out var cached))
        {
            return cached;
        }

        var generation = cache.Doctors.Generation;
        var doctor = await db.Doctors.AsNoTracking().Include(d => d.Specialties).Include(d => d.Languages).Include(d => d.Clinics).AsSingleQuery()
            .SingleOrDefaultAsync(d => d.Id == doctorId, ct);
        if (doctor is null)
        {
            return null;
        }

        var summary = Summary(doctor);
        cache.Doctors.Set(doctorId, summary, generation);
        return summary;
    }

    private IQueryable<DoctorProfile> Matching(DoctorFilter filter)
    {
        var query = db.Doctors.AsNoTracking();
        if (filter.ActiveOnly)
        {
            query = query.Where(d => d.Status == DoctorStatus.Active);
        }

        if (filter.DoctorId is { } doctorId)
        {
            query = query.Where(d => d.Id == doctorId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Specialty))
        {
            query = query.Where(d => d.Specialties.Any(s => s.Code == filter.Specialty));
        }

        if (!string.IsNullOrWhiteSpace(filter.Language))
        {
            query = query.Where(d => d.Languages.Any(l => l.Code == filter.Language));
        }

        if (filter.ClinicId is { } clinicId)
        {
            query = query.Where(d => d.Clinics.Any(c => c.ClinicId == clinicId));
        }

        return query;
    }

    /// <summary>One query (collections joined), cached by account like <see cref="DoctorAsync"/>; an unknown account is not cached.</summary>
    public async Task<DoctorSummary?> GetDoctorByUserAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (cache.DoctorsByUser.TryGet(userId, out var cached))
        {
            return cached;
        }

        var generation = cache.DoctorsByUser.Generation;
        var doctor = await db.Doctors.AsNoTracking().Include(d => d.Specialties).Include(d => d.Languages).Include(d => d.Clinics).AsSingleQuery()
            .SingleOrDefaultAsync(d => d.UserId == userId, cancellationToken);
        if (doctor is null)
        {
            return null;
        }

        var summary = Summary(doctor);
        cache.DoctorsByUser.Set(userId, summary, generation);
        return summary;
    }

    public async Task<IReadOnlyDictionary<Guid, string>> GetDoctorNamesByUserAsync(IReadOnlyCollection<Guid> doctorUserIds, CancellationToken cancellationToken = default)
    {
        if (doctorUserIds.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        var ids = doctorUserIds.Distinct().ToList();
        return await db.Doctors.AsNoTracking().Where(d => ids.Contains(d.UserId)).ToDictionaryAsync(d => d.UserId, d => d.DisplayName, cancellationToken);
    }

    public async Task<Guid?> FindPatientIdAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (cache.PatientByUser.TryGet(userId, out var cached))
        {
            return cached;
        }

        var generation = cache.PatientByUser.Generation;
        var found = await db.Patients.AsNoTracking().Where(p => p.UserId == userId).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        if (found is { } patientId)
        {
            cache.PatientByUser.Set(userId, patientId, generation);
        }

        return found;
    }

    public async Task<Guid?> FindPatientUserIdAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        if (cache.UserByPatient.TryGet(patientId, out var cached))
        {
            return cached;
        }

        var generation = cache.UserByPatient.Generation;
        var found = await ActingUserIdAsync(patientId, cancellationToken);
        if (found is { } userId)
        {
            cache.UserByPatient.Set(patientId, userId, generation);
        }

        return found;
    }

    public async Task<PatientContact?> GetPatientContactAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        var p = await db.Patients.AsNoTracking().SingleOrDefaultAsync(x => x.Id == patientId, cancellationToken);
        if (p is null)
        {
            return null;
        }

        // A child's contact is the guardian: their account, e-mail, phone and language.
        var guardian = await Patients.Dependents.GuardianContact.OfAsync(db, p.Id, cancellationToken);
        return guardian is null
            ? new PatientContact(p.Id, p.UserId, $"{p.GivenName} {p.FamilyName}", p.Email, p.Phone, p.PreferredLanguage)
            : new PatientContact(p.Id, guardian.UserId, $"{p.GivenName} {p.FamilyName}", guardian.Email, guardian.Phone, guardian.PreferredLanguage);
    }

    public async Task<IReadOnlyDictionary<Guid, PatientContact>> GetPatientContactsAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken = default)
    {
        var ids = patientIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, PatientContact>();
        }

        var found = await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        var guardians = await Patients.Dependents.GuardianContact.OfAsync(db, ids, cancellationToken);
        return found.ToDictionary(p => p.Id, p => guardians.TryGetValue(p.Id, out var guardian)
            ? new PatientContact(p.Id, guardian.UserId, $"{p.GivenName} {p.FamilyName}", guardian.Email, guardian.Phone, guardian.PreferredLanguage)
            : new PatientContact(p.Id, p.UserId, $"{p.GivenName} {p.FamilyName}", p.Email, p.Phone, p.PreferredLanguage));
    }

    public async Task<PatientForPrescribing?> GetPatientForPrescribingAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        var p = await db.Patients.AsNoTracking().SingleOrDefaultAsync(x => x.Id == patientId, cancellationToken);
        if (p is null)
        {
            return null;
        }

        var clinical = await db.ClinicalSummaries.AsNoTracking().SingleOrDefaultAsync(c => c.PatientId == patientId, cancellationToken);
        return new PatientForPrescribing(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, clinical?.Allergies ?? []);
    }

    public async Task<PatientIdentity?> GetPatientIdentityAsync(Guid patientId, CancellationToken cancellationToken = default) =>
        await db.Patients.AsNoTracking().SingleOrDefaultAsync(x => x.Id == patientId, cancellationToken) is { } p
            ? new PatientIdentity(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex)
            : null;

    public async Task<PatientInsurance?> GetInsuranceAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        var p = await db.Patients.AsNoTracking().SingleOrDefaultAsync(x => x.Id == patientId, cancellationToken);
        return p is null || string.IsNullOrWhiteSpace(p.InsuranceProvider) ? null : new PatientInsurance(p.Id, p.InsuranceProvider, p.InsurancePolicyNumber);
    }

    public async Task<PatientCard?> GetPatientCardAsync(Guid patientId, CancellationToken cancellationToken = default)
    {
        var p = await db.Patients.AsNoTracking().SingleOrDefaultAsync(x => x.Id == patientId, cancellationToken);
        if (p is null)
        {
            return null;
        }

        var clinical = await db.ClinicalSummaries.AsNoTracking().SingleOrDefaultAsync(c => c.PatientId == patientId, cancellationToken);
        var guardian = await Patients.Dependents.GuardianContact.OfAsync(db, p.Id, cancellationToken);
        return new PatientCard(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex, guardian?.Phone ?? p.Phone, guardian?.Email ?? p.Email,
            p.PreferredLanguage, clinical?.Allergies ?? [], clinical?.ChronicConditions ?? [], p.CreatedAt, clinical?.Medications ?? []);
    }

    /// <summary>The first guardian's account for a child, else the patient's own account; null for an unknown patient.</summary>
    private async Task<Guid?> ActingUserIdAsync(Guid patientId, CancellationToken ct)
    {
        var guardian = await db.Guardians.AsNoTracking().Where(g => g.PatientId == patientId).OrderBy(g => g.CreatedAt)
            .Select(g => (Guid?)g.GuardianUserId).FirstOrDefaultAsync(ct);
        return guardian ?? await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => (Guid?)p.UserId).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Display names ("given family") of the patients that exist among <paramref name="patientIds"/>, from the host's cache where it
    /// has them (<see cref="DirectoryCache.PatientNames"/>), the rest in one query. Every name returned is a read of that patient's
    /// demographics in the caller's audit scope, whether it came from the cache or the database: the cache saves the query, not the
    /// audit record.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, string>> GetPatientNamesAsync(IReadOnlyCollection<Guid> patientIds, CancellationToken cancellationToken = default)
    {
        var names = new Dictionary<Guid, string>(patientIds.Count);
        List<Guid>? missing = null;
        foreach (var id in patientIds)
        {
            if (names.ContainsKey(id))
            {
                continue;
            }

            if (cache.PatientNames.TryGet(id, out var name))
            {
                names[id] = name;
                audit.RecordPhiAccess(AuditActions.PhiRead, PatientProfile.AuditType, id, id);
            }
            else if (!(missing ??= []).Contains(id))
            {
                missing.Add(id);
            }
        }

        if (missing is null)
        {
            return names;
        }

        // Read before the query: a save that changes a profile meanwhile makes this load too old to be kept.
        var generation = cache.PatientNames.Generation;
        // Whole profiles, so the materialisation interceptor audits each read as it does for every other read of a profile.
        var patients = await db.Patients.AsNoTracking().Where(p => missing.Contains(p.Id)).ToListAsync(cancellationToken);
        foreach (var patient in patients)
        {
            names[patient.Id] = patient.DisplayName;
            cache.PatientNames.Set(patient.Id, patient.DisplayName, generation);
        }

        return names;
    }

    private static DoctorSummary Summary(DoctorProfile d) => new(d.Id, d.UserId, d.DisplayName,
        d.Specialties.Select(s => s.Code).Order(StringComparer.Ordinal).ToList(), d.Languages.Select(l => l.Code).Order(StringComparer.Ordinal).ToList(),
        new Money(d.HourlyRateMinor, d.Currency), d.Clinics.Select(c => c.ClinicId).ToList(), d.Status == DoctorStatus.Active,
        DoctorViews.Camel(d.QualificationCategory.ToString()), d.LicenceExpiresOn);
}
