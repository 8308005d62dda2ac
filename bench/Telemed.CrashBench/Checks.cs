using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Telemed.CrashBench;

/// <summary>What the database holds after a restart, against what the API acknowledged.</summary>
internal sealed record StoreCheck(int Appointments, int Messages, int MissingBookings, int MissingMessages, int DoubleBooked, List<string> Samples);

/// <summary>
/// Reads the database directly (SQL is the ground truth; the API could hide a row): every acknowledged appointment and message
/// by id, and every pair of active appointments of one doctor whose times overlap.
/// </summary>
internal static class Checks
{
    public static async Task<StoreCheck> RunAsync(Options options, IReadOnlyCollection<AckedBooking> bookings, IReadOnlyCollection<(Guid Id, int Cycle)> messages)
    {
        var postgres = options.Provider == "postgres";
        await using DbConnection db = postgres ? new NpgsqlConnection(options.ConnectionString) : new SqliteConnection(options.ConnectionString);
        await db.OpenAsync();
        var appointmentIds = (await ColumnAsync(db, postgres ? "SELECT \"Id\" FROM scheduling.appointments" : "SELECT \"Id\" FROM scheduling_appointments"))
            .Select(Guid.Parse).ToHashSet();
        var messageIds = (await ColumnAsync(db, postgres ? "SELECT \"Id\" FROM consultations.messages" : "SELECT \"Id\" FROM consultations_messages"))
            .Select(Guid.Parse).ToHashSet();
        var samples = new List<string>();
        var missingBookings = bookings.Where(b => !appointmentIds.Contains(b.Id)).ToList();
        var missingMessages = messages.Where(m => !messageIds.Contains(m.Id)).ToList();
        samples.AddRange(missingBookings.Take(5).Select(b => $"acknowledged booking {b.Id} (cycle {b.Cycle}, doctor {b.DoctorId}, {b.Start:u}) is missing"));
        samples.AddRange(missingMessages.Take(5).Select(m => $"acknowledged message {m.Id} (cycle {m.Cycle}) is missing"));

        // Active appointments of each doctor in start order: one that starts before the previous one ended overlaps it.
        var rows = new List<(Guid Id, Guid Doctor, DateTime Start, DateTime End)>();
        await using (var command = db.CreateCommand())
        {
            command.CommandText = postgres
                ? "SELECT \"Id\", \"DoctorId\", \"Start\", \"End\" FROM scheduling.appointments WHERE \"Status\" <> 'Cancelled'"
                : "SELECT \"Id\", \"DoctorId\", \"Start\", \"End\" FROM scheduling_appointments WHERE \"Status\" <> 'Cancelled'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((Guid.Parse(Text(reader, 0)), Guid.Parse(Text(reader, 1)), Utc(reader, 2), Utc(reader, 3)));
            }
        }

        var doubleBooked = 0;
        foreach (var doctor in rows.GroupBy(r => r.Doctor))
        {
            (Guid Id, DateTime End)? latest = null;
            foreach (var row in doctor.OrderBy(r => r.Start))
            {
                if (latest is { } previous && row.Start < previous.End)
                {
                    doubleBooked++;
                    if (samples.Count < 12)
                    {
                        samples.Add($"doctor {doctor.Key}: appointment {row.Id} ({row.Start:u}) overlaps {previous.Id} (until {previous.End:u})");
                    }
                }

                if (latest is null || row.End > latest.Value.End)
                {
                    latest = (row.Id, row.End);
                }
            }
        }

        // Two 201s for the same doctor and start would be a double booking the API itself admitted.
        foreach (var twice in bookings.GroupBy(b => (b.DoctorId, b.Start)).Where(g => g.Select(b => b.Id).Distinct().Count() > 1))
        {
            doubleBooked++;
            samples.Add($"doctor {twice.Key.DoctorId} at {twice.Key.Start:u} was acknowledged to {twice.Count()} bookings: {string.Join(", ", twice.Select(b => b.Id))}");
        }

        return new StoreCheck(appointmentIds.Count, messageIds.Count, missingBookings.Count, missingMessages.Count, doubleBooked, samples);
    }

    private static string Text(DbDataReader reader, int i) => reader.GetValue(i) switch
    {
        Guid g => g.ToString(),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture)!,
    };

    private static DateTime Utc(DbDataReader reader, int i) => reader.GetValue(i) switch
    {
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        DateTimeOffset o => o.UtcDateTime,
        var v => DateTime.SpecifyKind(DateTime.Parse(Convert.ToString(v, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc),
    };

    private static async Task<List<string>> ColumnAsync(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(Text(reader, 0));
        }

        return values;
    }
}
