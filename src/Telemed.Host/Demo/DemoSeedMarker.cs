using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Telemed.Host.Demo;

/// <summary>
/// Remembers that the demo clinic was seeded completely into this database, so that a restart with the same demo data
/// skips the few hundred per-record checks (most of a second start's time). The marker is a file in the data folder
/// holding a hash of the demo data and of the connection string, and the last seeded account's id; it is written only
/// after a seed finished, and the seeder still checks that the database holds that account (a replaced database is
/// seeded again). The demo licences' last day (<see cref="DemoData.LicenceFor"/>) is part of the hash: it moves on with the calendar
/// year, and the first start in a new year seeds again and so renews the licences (else a long-lived demo database kept the licences
/// of the year it was first seeded in).
/// </summary>
public sealed class DemoSeedMarker(string dataDirectory, string connectionString, bool inMotion = false, TimeProvider? clock = null)
{
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    private string Path => System.IO.Path.Combine(dataDirectory, "demo-clinic-seeded.txt");

    /// <summary>Hex SHA-256 of the demo data (clinics, staff, doctors, working weeks, patients, care teams, licences' last day) and the database.</summary>
    public string Fingerprint
    {
        get
        {
            var data = JsonSerializer.Serialize(new
            {
                InMotion = inMotion, DemoData.Clinics, DemoData.Staff, DemoData.Doctors, DemoData.OnDutyDoctors, DemoData.Patients, DemoData.CareTeams,
                Weeks = DemoData.Doctors.Select(d => DemoData.WorkingWeek(d.Clinics).ToList()),
                Licences = DemoData.LicenceFor(0, DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime)).ExpiresOn,
            }, Json);
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(data + "\n" + connectionString)));
        }
    }

    /// <summary>The last seeded account's user id when the marker matches this demo data and database; otherwise null.</summary>
    public Guid? SeededLastUserId()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var lines = File.ReadAllLines(Path);
        return lines.Length == 2 && lines[0] == Fingerprint && Guid.TryParse(lines[1], out var id) ? id : null;
    }

    public void Write(Guid lastUserId) => File.WriteAllLines(Path, [Fingerprint, lastUserId.ToString()]);
}
