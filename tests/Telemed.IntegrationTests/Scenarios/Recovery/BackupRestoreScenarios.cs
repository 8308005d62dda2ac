using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.Records;
using Telemed.Modules.Audit;
using Xunit.Abstractions;
using static Telemed.IntegrationTests.Infrastructure.SchedulingApi;

namespace Telemed.IntegrationTests.Scenarios.Recovery;

/// <summary>
/// The backup and restore drill (docs/recovery.md) end to end: a host with a booking, an encrypted profile, an encrypted
/// document and a sealed audit trail is backed up by scripts/backup.sh while it runs; scripts/restore.sh puts it into a
/// FRESH PostgreSQL cluster and an empty data folder; a new host on the result verifies the chain and decrypts what was written.
/// </summary>
[Collection(nameof(RecoveryCollection))]
public sealed class BackupRestoreScenarios(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Patient = "ivan.kuznetsov@demo.telemed.dev";
    private readonly string _work = Path.Combine(Path.GetTempPath(), "telemed-recovery-" + Guid.NewGuid().ToString("N")[..8]);

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Temp folder: the OS cleans what is left.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Given_a_backup_restored_into_a_fresh_cluster_Then_the_audit_chain_verifies_and_records_and_files_decrypt_to_what_was_written()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var allergy = "Recovery drill allergy " + marker;
        var address = "12 Restore Lane, flat " + marker;
        var description = "Discharge summary " + marker;
        var document = ClamdServer.PdfWithRandomBody();
        var sourceData = Path.Combine(_work, "source-data");
        var backups = Path.Combine(_work, "backups");

        await using var sourceCluster = PostgresCluster.Start();
        var sourceDatabase = await sourceCluster.CreateDatabaseAsync();
        string backup;
        Guid appointmentId, documentId;
        long sealedBeforeBackup;
        string cookieOfTheOldHost;
        await using (var source = new TelemedHost(sourceDatabase, sourceData))
        {
            await source.InitializeAsync();
            using var patient = await source.SignedInAsync(Patient);
            var profile = await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile");
            await (await patient.PutAsync("/api/v1/me/patient-profile", new
            {
                givenName = profile.GetProperty("givenName").GetString(), familyName = profile.GetProperty("familyName").GetString(),
                dateOfBirth = profile.GetProperty("dateOfBirth").GetString(), sex = profile.GetProperty("sex").GetString(),
                phone = profile.GetProperty("phone").GetString(), address, preferredLanguage = profile.GetProperty("preferredLanguage").GetString(),
                insurance = (object?)null, allergies = new[] { allergy }, chronicConditions = Array.Empty<string>(),
            })).ShouldHaveStatusAsync(HttpStatusCode.OK);

            documentId = await RecordsApi.UploadedAsync(patient, document, description: description);
            (await RecordsApi.VerdictAsync(patient, documentId)).ShouldBe("available");

            var doctor = (await DoctorsAsync(patient))[2].Id;
            var slot = (await SlotsAsync(patient, doctor, Today(source).AddDays(2), 7))[0];
            var booked = await BookAsync(patient, doctor, slot);
            await booked.ShouldHaveStatusAsync(HttpStatusCode.Created);
            appointmentId = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            await AuditModule.SealAsync(source.Services);
            var before = await AuditModule.VerifyChainAsync(source.Services);
            before.Intact.ShouldBeTrue(before.Problem);
            sealedBeforeBackup = before.CheckedEntries;
            sealedBeforeBackup.ShouldBeGreaterThan(0);
            cookieOfTheOldHost = patient.CookieHeader;

            // Online: the host keeps running (and writing its own audit entries) while the dump is taken.
            var made = await RecoveryScripts.BashAsync("backup.sh", "--database", sourceDatabase, "--data-dir", sourceData, "--out", backups);
            output.WriteLine(made.StandardError);
            made.ExitCode.ShouldBe(0, made.All);
            backup = made.StandardOutput.Trim();
            Directory.Exists(backup).ShouldBeTrue(made.All);
            made.StandardError.ShouldContain("APART from the dump");
        }

        var manifest = await File.ReadAllTextAsync(Path.Combine(backup, "manifest.txt"));
        output.WriteLine(manifest);
        manifest.ShouldContain("format: telemed-backup/1");
        manifest.ShouldContain("key_material: development-keys.json");
        manifest.ShouldContain("key_material: data-protection-keys/");
        File.Exists(Path.Combine(backup, "keys", "development-keys.json")).ShouldBeTrue();
        (await File.ReadAllTextAsync(Path.Combine(backup, "SHA256SUMS"))).ShouldContain("./database.dump");

        // A damaged copy is refused before anything is touched.
        var damaged = Path.Combine(_work, "damaged");
        CopyFolder(backup, damaged);
        await File.AppendAllTextAsync(Path.Combine(damaged, "files.tar"), "x");
        var refusedDamaged = await RecoveryScripts.BashAsync("restore.sh", "--from", damaged, "--database", sourceCluster.ConnectionString("never_created"),
            "--data-dir", Path.Combine(_work, "never-used"));
        refusedDamaged.ExitCode.ShouldBe(4, refusedDamaged.All);

        // The fresh cluster: its own initdb, its own port. The source cluster is stopped, as after losing the machine.
        sourceCluster.Stop();
        await using var target = PostgresCluster.Start();
        var restoredDatabase = target.ConnectionString("telemed_restored");
        var restoredData = Path.Combine(_work, "restored-data");
        var restored = await RecoveryScripts.BashAsync("restore.sh", "--from", backup, "--database", restoredDatabase, "--data-dir", restoredData);
        output.WriteLine(restored.StandardError);
        restored.ExitCode.ShouldBe(0, restored.All);
        restored.StandardError.ShouldContain("checksums verified");

        // Into a database that is no longer empty: refused, and nothing changes.
        var again = await RecoveryScripts.BashAsync("restore.sh", "--from", backup, "--database", restoredDatabase, "--data-dir", Path.Combine(_work, "second-data"));
        again.ExitCode.ShouldBe(3, again.All);
        again.StandardError.ShouldContain("is not empty");
        Directory.Exists(Path.Combine(_work, "second-data", "files")).ShouldBeFalse("a refused restore writes no files");

        // The operator's check: the CLI's audit verify on the restored database and keys, before any host starts.
        var verified = await RecoveryScripts.AuditVerifyAsync(restoredDatabase, restoredData);
        output.WriteLine(verified.StandardOutput);
        verified.ExitCode.ShouldBe(0, verified.All);
        verified.StandardOutput.ShouldContain("Audit trail intact");

        await using var host = new TelemedHost(restoredDatabase, restoredData, new Dictionary<string, string?> { ["DemoClinic:Seed"] = "false" });
        await host.InitializeAsync();
        using (var anonymous = host.CreateApiClient())
        {
            await (await anonymous.GetAsync("/health/ready")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        var chain = await AuditModule.VerifyChainAsync(host.Services);
        chain.Intact.ShouldBeTrue(chain.Problem);
        chain.CheckedEntries.ShouldBeGreaterThanOrEqualTo(sealedBeforeBackup);

        // Field encryption (restored master key + data keys from the dump) and the file store (restored ciphertext).
        using var patientAfter = await host.SignedInAsync(Patient);
        var restoredProfile = await patientAfter.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile");
        restoredProfile.GetProperty("allergies").EnumerateArray().Select(a => a.GetString()).ShouldBe([allergy]);
        restoredProfile.GetProperty("address").GetString().ShouldBe(address);
        var documents = await patientAfter.GetJsonAsync<JsonElement>("/api/v1/me/record/documents");
        documents.EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == documentId).GetProperty("description").GetString().ShouldBe(description);
        var content = await patientAfter.GetAsync($"/api/v1/me/record/documents/{documentId}/content");
        await content.ShouldHaveStatusAsync(HttpStatusCode.OK);
        (await content.Content.ReadAsByteArrayAsync()).ShouldBe(document);
        var mine = await patientAfter.GetJsonAsync<JsonElement>("/api/v1/scheduling/appointments/mine");
        mine.EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ShouldContain(appointmentId);

        // Data-protection keys came back too: the old host's session cookie still signs its holder in on the new host.
        using var withOldCookie = new HttpClient { BaseAddress = host.BaseAddress };
        withOldCookie.DefaultRequestHeaders.Add("Cookie", cookieOfTheOldHost);
        var oldSession = await withOldCookie.GetAsync("/api/v1/me/patient-profile");
        await oldSession.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

/// <summary>The recovery drills start, stop and restart their own PostgreSQL clusters: one at a time keeps their timings honest.</summary>
[CollectionDefinition(nameof(RecoveryCollection), DisableParallelization = true)]
public sealed class RecoveryCollection;
