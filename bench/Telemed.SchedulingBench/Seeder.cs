using System.Diagnostics;
using Npgsql;

namespace Telemed.SchedulingBench;

internal sealed record SeedSummary(int Doctors, long Appointments, long TimeBlocks, long CandidateSlots, TimeSpan Took, string TableSizes)
{
    public override string ToString() =>
        $"{Doctors:N0} bench doctors, {Appointments:N0} appointments, {TimeBlocks:N0} time_blocks rows, {CandidateSlots:N0} bookable 30-min slots " +
        $"({(double)Appointments / Math.Max(1, CandidateSlots):P0} booked), seeded in {Took.TotalSeconds:N0} s";
}

internal sealed record FreeSlot(Guid DoctorId, Guid ClinicId, DateTime Start);

/// <summary>
/// Seeds by SQL on the host's own tables, copying the formats the modules write (enum names as text,
/// DayOfWeek as an integer, education as JSON). Bench doctors are active, have one clinic each,
/// work Monday–Saturday 08:00–20:00 clinic time and use the default appointment types (30 min video,
/// no buffers, 2 h notice, 60-day horizon). Appointments are spread uniformly at random over the
/// 30-min slots of the next 60 days; each holds its six 5-minute granules in time_blocks, as a booking does.
/// </summary>
internal sealed class Seeder(string connectionString)
{
    public static readonly string[] Specialties =
        ["general-practice", "cardiology", "dermatology", "pediatrics", "neurology", "endocrinology", "gynecology", "psychiatry"];

    public string ConnectionString => connectionString;

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<SeedSummary> SeedAsync(int doctors, int appointments)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await OpenAsync();
        await ExecAsync(db, "SET synchronous_commit = on; SET maintenance_work_mem = '512MB'; SET work_mem = '256MB'");
        await ExecAsync(db, "CREATE SCHEMA IF NOT EXISTS bench");
        if (await ScalarAsync<long>(db, "SELECT count(*) FROM directory.doctors WHERE \"NormalizedName\" LIKE 'BENCH DOCTOR %'") == 0)
        {
            await SeedDoctorsAsync(db, doctors);
            Console.WriteLine($"   doctors: {watch.Elapsed.TotalSeconds:N0} s");
            await SeedAppointmentsAsync(db, appointments);
            Console.WriteLine($"   appointments and time blocks: {watch.Elapsed.TotalSeconds:N0} s");
            await ExecAsync(db, "VACUUM ANALYZE directory.doctors, directory.doctor_specialties, directory.doctor_languages, directory.doctor_clinics, " +
                "scheduling.weekly_hours, scheduling.appointments, scheduling.time_blocks, bench.candidate_slots");
            Console.WriteLine($"   vacuum analyze: {watch.Elapsed.TotalSeconds:N0} s");
        }

        var sizes = await ScalarAsync<string>(db, """
            SELECT string_agg(format('%s %s', relname, pg_size_pretty(pg_total_relation_size(c.oid))), ', ' ORDER BY relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'scheduling' AND c.relname IN ('appointments', 'time_blocks') AND c.relkind = 'r'
            """);
        return new SeedSummary(
            (int)await ScalarAsync<long>(db, "SELECT count(*) FROM directory.doctors WHERE \"NormalizedName\" LIKE 'BENCH DOCTOR %'"),
            await ScalarAsync<long>(db, "SELECT count(*) FROM scheduling.appointments"),
            await ScalarAsync<long>(db, "SELECT count(*) FROM scheduling.time_blocks"),
            await ScalarAsync<long>(db, "SELECT count(*) FROM bench.candidate_slots"),
            watch.Elapsed, sizes);
    }

    private static async Task SeedDoctorsAsync(NpgsqlConnection db, int doctors)
    {
        await using var tx = await db.BeginTransactionAsync();
        // Clinics by name: the demo's Moscow and Novosibirsk clinics. Doctor i works at clinic i % 2.
        await ExecAsync(db, """
            CREATE TABLE bench.doctors AS
            SELECT i, md5('bench-doctor-' || i)::uuid AS id, md5('bench-user-' || i)::uuid AS user_id,
                   (SELECT "Id" FROM directory.clinics ORDER BY "Name" OFFSET (i % 2) LIMIT 1) AS clinic_id
            FROM generate_series(1, @n) AS i
            """, ("n", doctors));
        await ExecAsync(db, """
            INSERT INTO directory.doctors ("Id", "UserId", "DisplayName", "NormalizedName", "QualificationCategory", "Education", "YearsOfExperience",
                "HourlyRateMinor", "Currency", "Bio", "PhotoUrl", "Status")
            SELECT id, user_id, 'Bench Doctor ' || lpad(i::text, 5, '0'), 'BENCH DOCTOR ' || lpad(i::text, 5, '0'),
                   (ARRAY['None', 'Second', 'First', 'Highest'])[1 + i % 4],
                   '[{"Institution":"Sechenov University","Degree":"MD","Year":2010}]', 3 + i % 30, 200000 + (i % 40) * 5000, 'RUB',
                   'A doctor seeded for the scheduling benchmark.', NULL, 'Active'
            FROM bench.doctors
            """);
        // One specialty each, spread over the eight codes; every third doctor has a second one.
        await ExecAsync(db, """
            INSERT INTO directory.doctor_specialties ("DoctorId", "Code")
            SELECT DISTINCT id, code FROM (
                SELECT id, (@codes::text[])[1 + i % 8] AS code FROM bench.doctors
                UNION ALL
                SELECT id, (@codes::text[])[1 + (i / 8 + 3) % 8] FROM bench.doctors WHERE i % 3 = 0) s
            """, ("codes", Specialties));
        await ExecAsync(db, """
            INSERT INTO directory.doctor_languages ("DoctorId", "Code")
            SELECT id, 'ru' FROM bench.doctors
            UNION ALL SELECT id, 'en' FROM bench.doctors WHERE i % 2 = 0
            UNION ALL SELECT id, 'de' FROM bench.doctors WHERE i % 5 = 0
            """);
        await ExecAsync(db, "INSERT INTO directory.doctor_clinics (\"DoctorId\", \"ClinicId\") SELECT id, clinic_id FROM bench.doctors");
        // DayOfWeek as .NET numbers it: Sunday = 0, Monday = 1 … Saturday = 6. 08:00–20:00 = minutes 480–1200.
        await ExecAsync(db, """
            INSERT INTO scheduling.weekly_hours ("Id", "DoctorId", "ClinicId", "DayOfWeek", "StartMinute", "EndMinute")
            SELECT gen_random_uuid(), id, clinic_id, dow, 480, 1200 FROM bench.doctors CROSS JOIN generate_series(1, 6) AS dow
            """);
        await tx.CommitAsync();
    }

    private static async Task SeedAppointmentsAsync(NpgsqlConnection db, int appointments)
    {
        // Every bookable 30-min slot of the bench doctors from tomorrow (clinic time) for 60 days, Monday–Saturday 08:00–19:30.
        await ExecAsync(db, """
            CREATE TABLE bench.candidate_slots AS
            SELECT d.id AS doctor_id, d.user_id AS doctor_user_id, d.clinic_id,
                   ((day + make_interval(mins => m)) AT TIME ZONE c."TimeZone") AS start
            FROM bench.doctors d
            JOIN directory.clinics c ON c."Id" = d.clinic_id
            CROSS JOIN LATERAL generate_series(((now() AT TIME ZONE c."TimeZone")::date + 1)::timestamp, ((now() AT TIME ZONE c."TimeZone")::date + 60)::timestamp, interval '1 day') AS day
            CROSS JOIN generate_series(480, 1170, 30) AS m
            WHERE extract(isodow FROM day) <> 7
            """);
        await ExecAsync(db, "CREATE INDEX ON bench.candidate_slots (doctor_id, start)");

        // A random sample of them becomes booked appointments, inserted in random order (as bookings arrive), for the 20 demo patients.
        await using var tx = await db.BeginTransactionAsync();
        await ExecAsync(db, "SELECT setseed(0.42)");
        await ExecAsync(db, """
            CREATE TABLE bench.seeded AS
            SELECT gen_random_uuid() AS id, s.*, row_number() OVER () AS n
            FROM (SELECT * FROM bench.candidate_slots ORDER BY random() LIMIT @count) s
            """, ("count", appointments));
        await ExecAsync(db, """
            WITH p AS (SELECT array_agg("Id" ORDER BY "Id") AS ids, array_agg("UserId" ORDER BY "Id") AS users, count(*) AS n FROM directory.patients)
            INSERT INTO scheduling.appointments ("Id", "DoctorId", "DoctorUserId", "PatientId", "PatientUserId", "ClinicId", "Kind", "Start", "End", "Status",
                "BookedBy", "CreatedAt", "ConfirmedAt", "CheckedInAt", "CompletedAt", "CancelledAt", "CancellationReason", "LateCancellation", "Version")
            SELECT s.id, s.doctor_id, s.doctor_user_id, p.ids[1 + s.n % p.n], p.users[1 + s.n % p.n], s.clinic_id, 'Video', s.start, s.start + interval '30 minutes',
                   'Booked', p.users[1 + s.n % p.n], now(), NULL, NULL, NULL, NULL, NULL, false, 0
            FROM bench.seeded s CROSS JOIN p
            ORDER BY s.n
            """);
        await ExecAsync(db, """
            INSERT INTO scheduling.time_blocks ("DoctorId", "Granule", "OwnerKind", "OwnerId", "ExpiresAt")
            SELECT s.doctor_id, s.start + make_interval(mins => g * 5), 'Appointment', s.id, NULL
            FROM bench.seeded s CROSS JOIN generate_series(0, 5) AS g
            ORDER BY s.n, g
            """);
        await tx.CommitAsync();
        await ExecAsync(db, "DROP TABLE bench.seeded");
    }

    /// <summary>Free slots of bench doctors at least two days ahead, interleaved so that consecutive bookings go to different doctors.</summary>
    public async Task<Queue<FreeSlot>> FreeSlotsAsync()
    {
        await using var db = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT doctor_id, clinic_id, start FROM (
                SELECT c.doctor_id, c.clinic_id, c.start, row_number() OVER (PARTITION BY c.doctor_id ORDER BY c.start) AS k
                FROM bench.candidate_slots c
                WHERE c.start > now() + interval '2 days'
                  AND NOT EXISTS (SELECT 1 FROM scheduling.time_blocks b WHERE b."DoctorId" = c.doctor_id AND b."Granule" = c.start)) f
            ORDER BY k, doctor_id
            """, db);
        var queue = new Queue<FreeSlot>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            queue.Enqueue(new FreeSlot(reader.GetGuid(0), reader.GetGuid(1), reader.GetDateTime(2)));
        }

        return queue;
    }

    public async Task<List<Guid>> BenchDoctorIdsAsync()
    {
        await using var db = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM bench.doctors ORDER BY i", db);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public async Task<List<Guid>> PatientIdsAsync()
    {
        await using var db = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"Id\" FROM directory.patients ORDER BY \"Id\"", db);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public static async Task ExecAsync(NpgsqlConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<List<string[]>> RowsAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToArray());
        }

        return rows;
    }
}
