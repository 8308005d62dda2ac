using Telemed.BuildingBlocks.Ids;
using System.Security.Cryptography;
using System.Text;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Scheduling.Contracts;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Clinical.Contracts;

namespace Telemed.Host.Demo;

/// <summary>
/// Seeds the demo clinic through the modules' public facades; safe to run on every start. A restart with the same demo
/// data and database (see <see cref="DemoSeedMarker"/>) only checks that the last seeded account exists.
/// </summary>
public sealed class DemoClinicSeeder(IIdentityModule identity, IDirectoryModule directory, ISchedulingModule scheduling, IConsultationsModule consultations, ICareAccess care, AuditScope audit, IAuditTrail trail,
    DemoAccounts demoAccounts, ILogger<DemoClinicSeeder> logger, IClinicalModule clinical, TimeProvider clock, DemoSeedMarker? marker = null, DemoClinicInMotion? inMotion = null,
    Telemed.Modules.Pharmacy.Contracts.IPharmacyModule? pharmacies = null, Telemed.Modules.Labs.Contracts.ILabsModule? labs = null)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        // The last account the seed creates: if it is in the database, so is everything before it.
        if (marker?.SeededLastUserId() is { } lastUserId && await identity.GetDisplayNameAsync(lastUserId, ct) is not null)
        {
            ListDemoAccounts();
            logger.LogInformation("Demo clinic already seeded into this database: skipped the per-record checks");
            return;
        }

        var seededLastUserId = await SeedEverythingAsync(ct);
        marker?.Write(seededLastUserId);
    }

    /// <summary>The accounts the sign-in page offers in Development (the first doctors and patients, and every staff role).</summary>
    private void ListDemoAccounts()
    {
        foreach (var staff in DemoData.Staff)
        {
            demoAccounts.Accounts.Add(new DemoAccount(staff.Role, staff.Email, DemoData.Password, AuthenticatorKeyFor(staff.Email)));
        }

        foreach (var d in DemoData.Doctors.Take(2))
        {
            demoAccounts.Accounts.Add(new DemoAccount(Roles.Doctor, d.Email, DemoData.Password, AuthenticatorKeyFor(d.Email)));
        }

        foreach (var p in DemoData.Patients.Take(2))
        {
            demoAccounts.Accounts.Add(new DemoAccount(Roles.Patient, p.Email, DemoData.Password, null));
        }
    }

    /// <returns>The user id of the last account created (the last demo patient).</returns>
    private async Task<Guid> SeedEverythingAsync(CancellationToken ct)
    {
        var clinicIds = new List<Guid>();
        foreach (var clinic in DemoData.Clinics)
        {
            clinicIds.Add(await directory.EnsureClinicAsync(clinic, ct));
        }

        // Both demo clinics are in Russia: their remote visits follow 323-FZ art. 36.2.
        foreach (var clinicId in clinicIds)
        {
            await clinical.EnsureJurisdictionAsync(clinicId, JurisdictionCodes.Russia, ct);
        }

        foreach (var staff in DemoData.Staff)
        {
            var key = AuthenticatorKeyFor(staff.Email);
            var staffUserId = await identity.EnsureUserAsync(new NewUser(staff.Email, DemoData.Password, staff.Name, [staff.Role], key), ct);
            demoAccounts.Accounts.Add(new DemoAccount(staff.Role, staff.Email, DemoData.Password, key));
            if (staff.Role == Roles.Pharmacist && pharmacies is not null)
            {
                await DemoPharmacies.SeedAsync(pharmacies, staffUserId, ct);
            }
        }

        if (labs is not null)
        {
            // DEMO ONLY: the in-process sandbox lab (base URL "sandbox:") reports normal values a minute after an order is sent.
            await labs.EnsurePartnerLabAsync("Sandbox Lab (demo)", "Tverskaya st. 1, Moscow", "sandbox:", ct);
        }

        var doctorUserIds = new List<Guid>();
        var doctorIds = new List<Guid>();
        var seededOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var (d, i) in DemoData.Doctors.Select((d, i) => (d, i)))
        {
            var key = AuthenticatorKeyFor(d.Email);
            var userId = await identity.EnsureUserAsync(new NewUser(d.Email, DemoData.Password, d.Name, [Roles.Doctor], key), ct);
            doctorUserIds.Add(userId);
            var doctorId = await directory.EnsureDoctorProfileAsync(new NewDoctorProfile(userId, d.Name, d.Specialties, d.Category, d.Education, d.Years,
                new Money(d.RateMinor, "RUB"), d.Languages, d.Bio, d.Clinics.Select(c => clinicIds[c]).ToList(), Active: true, DemoData.LicenceFor(i, seededOn),
                DemoData.RussianBios.TryGetValue(d.Email, out var bioRu) ? new Dictionary<string, string> { ["ru"] = bioRu } : null), ct);
            doctorIds.Add(doctorId);
            foreach (var (clinic, hours) in DemoData.WorkingWeek(d.Clinics))
            {
                await scheduling.EnsureWeeklyHoursAsync(doctorId, clinicIds[clinic], hours, ct);
            }
            if (DemoData.OnDutyDoctors.Contains(d.Email))
            {
                await consultations.EnsureOnDutyAsync(userId, ct);
            }

            if (i < 2)
            {
                demoAccounts.Accounts.Add(new DemoAccount(Roles.Doctor, d.Email, DemoData.Password, key));
            }
        }

        var patientIds = new List<Guid>();
        var patientUserIds = new List<Guid>();
        var lastPatientUserId = Guid.Empty;
        var ivanUserId = Guid.Empty;
        foreach (var (p, i) in DemoData.Patients.Select((p, i) => (p, i)))
        {
            var userId = await identity.EnsureUserAsync(new NewUser(p.Email, DemoData.Password, $"{p.Given} {p.Family}", [Roles.Patient], PreferredLanguage: p.Language), ct);
            lastPatientUserId = userId;
            ivanUserId = i == 0 ? userId : ivanUserId;
            patientUserIds.Add(userId);
            patientIds.Add(await directory.EnsurePatientProfileAsync(new NewPatientProfile(userId, p.Given, p.Family, p.Born, p.Sex, p.Email, p.Phone,
                "", p.Language, p.Insurance, p.Policy, p.Allergies, p.Chronic), ct));
            if (i < 2)
            {
                demoAccounts.Accounts.Add(new DemoAccount(Roles.Patient, p.Email, DemoData.Password, null));
            }
        }

        // Ivan Kuznetsov's daughter, a dependent on his account, to book with the demo clinic's paediatricians.
        await directory.EnsureDependentAsync(ivanUserId, "Sofia", "Kuznetsova", new DateOnly(2019, 6, 8), "female", ct);

        foreach (var (doctor, patients) in DemoData.CareTeams)
        {
            foreach (var patient in patients)
            {
                await care.GrantAsync(new UserId(doctorUserIds[doctor]), new PatientId(patientIds[patient]), CareRelationshipKind.CareTeam, null, ct);
            }
        }

        if (inMotion is not null)
        {
            var frontDesk = DemoData.Staff.First(s => s.Role == Roles.FrontDesk);
            var frontDeskUserId = await identity.EnsureUserAsync(new NewUser(frontDesk.Email, DemoData.Password, frontDesk.Name, [frontDesk.Role], AuthenticatorKeyFor(frontDesk.Email)), ct);
            await inMotion.SeedAsync(new DemoClinicInMotion.SeededIds(clinicIds, doctorIds, doctorUserIds, patientIds, patientUserIds, frontDeskUserId), ct);
        }

        await audit.FlushAsync(trail, AuditOutcome.Success, ct);
        logger.LogInformation("Demo clinic ready: {Clinics} clinics, {Doctors} doctors, {Patients} patients", clinicIds.Count, doctorUserIds.Count, patientIds.Count);
        return lastPatientUserId;
    }

    /// <summary>A fixed TOTP secret per demo staff account, so a demo can be tried with any authenticator app.</summary>
    public static string AuthenticatorKeyFor(string email)
    {
        var bytes = SHA1.HashData(Encoding.UTF8.GetBytes("telemed-demo:" + email));
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new StringBuilder();
        for (var bitIndex = 0; bitIndex < bytes.Length * 8; bitIndex += 5)
        {
            var value = 0;
            for (var b = 0; b < 5; b++)
            {
                var bit = bitIndex + b;
                value = (value << 1) | (bit < bytes.Length * 8 ? (bytes[bit / 8] >> (7 - (bit % 8))) & 1 : 0);
            }

            output.Append(alphabet[value]);
        }

        return output.ToString();
    }
}
