using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

public abstract class DataProtectionScenarios(TelemedHost host)
{
    private static readonly string[] SeededAllergies = ["Penicillin", "Sulfonamides", "Iodinated contrast", "Egg protein", "Bee stings", "Shellfish"];
    private static readonly string[] SeededPolicyNumbers = ["7750 0001 2345 6701", "5450 0002 3456 7806", "BUPA-GB-448201", "CIG-UK-771204"];
    private static readonly string[] SeededFamilyNames = ["Kuznetsov", "Popova", "Vasiliev", "Pavlova", "Semenov", "Golubeva", "Vinogradov", "Bogdanova",
        "Turner", "Fedorov", "Mikhailova", "Belov", "Komarova", "Zaitsev", "Orekhova", "Tarasov", "Watson", "Kovalev", "Sharova"];

    private readonly RawDatabase _db = new(host);

    [Fact]
    public async Task Given_the_seeded_patients_Then_the_database_holds_none_of_their_allergies_policies_or_names_in_plaintext()
    {
        // Touch the data through the API first so that reads, writes and the audit trail have all happened.
        using var patient = host.CreateApiClient();
        await patient.SignInAsync("ivan.kuznetsov@demo.telemed.dev", Demo.Password);
        var profile = await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile");
        profile.GetProperty("allergies").EnumerateArray().Select(a => a.GetString()).ShouldBe(["Penicillin"]);

        var stored = await _db.EverythingStoredAsync();
        stored.Length.ShouldBeGreaterThan(1000);
        stored.ShouldContain("Anna Petrova", customMessage: "doctor profiles are public and stored plainly: the scan must be reading real data");
        foreach (var secret in SeededPolicyNumbers.Concat(SeededFamilyNames))
        {
            stored.ShouldNotContain(secret, customMessage: $"'{secret}' is stored in plaintext");
        }

        // The formulary and the ICD-10 catalogue are published reference data and name penicillins and sulfonamides
        // as allergy classes; the patients' own allergies must be nowhere else.
        var outsideCatalogues = await _db.RowsOfEveryTableAsync(except: [_db.Table("clinical", "formulary"), _db.Table("clinical", "icd10_codes")]);
        outsideCatalogues.ShouldContain("Anna Petrova");
        foreach (var allergy in SeededAllergies)
        {
            outsideCatalogues.ShouldNotContain(allergy, customMessage: $"'{allergy}' is stored in plaintext");
        }
    }

    [Fact]
    public async Task Given_activity_on_patient_records_Then_the_application_log_names_no_patient()
    {
        using var desk = host.CreateApiClient();
        await desk.SignInAsync("frontdesk@demo.telemed.dev", Demo.Password, Demo.KeyFor("frontdesk@demo.telemed.dev"));
        (await desk.PostAsync("/api/v1/front-desk/patients/search", new { term = "Popova" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var patient = host.CreateApiClient();
        await patient.SignInAsync("elena.popova@demo.telemed.dev", Demo.Password);
        (await patient.PutAsync("/api/v1/me/patient-profile", new { givenName = "", familyName = "Popova" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        host.Logs.Count.ShouldBeGreaterThan(0);
        var log = string.Join('\n', host.Logs);
        foreach (var name in SeededFamilyNames)
        {
            log.ShouldNotContain(name, customMessage: $"the log names patient {name}");
        }
    }

    [Fact]
    public async Task Given_an_audit_row_edited_or_deleted_in_the_database_Then_verification_reports_that_entry_and_the_CLI_agrees()
    {
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        (await Verify(admin)).GetProperty("intact").GetBoolean().ShouldBeTrue();
        var intactCli = await RunCliAsync();
        intactCli.ExitCode.ShouldBe(0, intactCli.Output);

        var entries = _db.Table("audit", "entries");
        // An entry's place in the chain is its link's (audit.chain); the attacker edits the entry itself.
        string AtPlace(int sequence) => $"\"Id\" = (SELECT \"EntryId\" FROM {_db.Table("audit", "chain")} WHERE \"Sequence\" = {sequence})";
        await using var connection = await _db.OpenAsync();
        const string toggle = "\"Outcome\" = CASE WHEN \"Outcome\" = 'Success' THEN 'Denied' ELSE 'Success' END";
        await RawDatabase.ExecuteAsync(connection, $"UPDATE {entries} SET {toggle} WHERE {AtPlace(3)}");
        var edited = await Verify(admin);
        edited.GetProperty("intact").GetBoolean().ShouldBeFalse();
        edited.GetProperty("firstBrokenSequence").GetInt64().ShouldBe(3);
        var cli = await RunCliAsync();
        cli.ExitCode.ShouldBe(2, cli.Output);
        cli.Output.ShouldContain("BROKEN at entry 3");

        await RawDatabase.ExecuteAsync(connection, $"UPDATE {entries} SET {toggle} WHERE {AtPlace(3)}");
        (await Verify(admin)).GetProperty("intact").GetBoolean().ShouldBeTrue();

        await RawDatabase.ExecuteAsync(connection, $"CREATE TEMP TABLE kept AS SELECT * FROM {entries} WHERE {AtPlace(5)}");
        await RawDatabase.ExecuteAsync(connection, $"DELETE FROM {entries} WHERE {AtPlace(5)}");
        var deleted = await Verify(admin);
        deleted.GetProperty("intact").GetBoolean().ShouldBeFalse();
        deleted.GetProperty("firstBrokenSequence").GetInt64().ShouldBe(5);

        await RawDatabase.ExecuteAsync(connection, $"INSERT INTO {entries} SELECT * FROM kept");
        (await Verify(admin)).GetProperty("intact").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Given_a_break_glass_reason_Then_the_trail_stores_it_encrypted_shows_it_to_the_admin_and_still_verifies()
    {
        using var admin = host.CreateApiClient();
        await admin.SignInAsAdminAsync();
        using var doctor = host.CreateApiClient();
        await doctor.SignInAsync("olga.smirnova@demo.telemed.dev", Demo.Password, Demo.KeyFor("olga.smirnova@demo.telemed.dev"));
        var patientId = await PatientIdAsync("ivan.kuznetsov@demo.telemed.dev");
        var reason = "Unconscious on arrival, checking allergies " + Guid.NewGuid().ToString("N")[..8];
        await (await doctor.PostAsync($"/api/v1/patients/{patientId}/break-glass", new { reason })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var stored = await _db.EverythingStoredAsync();
        stored.ShouldNotContain(reason, customMessage: "the break-glass reason is in the database in plaintext");
        var shown = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?breakGlass=true&recordId={patientId}");
        shown.GetProperty("items").EnumerateArray().ShouldContain(e => e.GetProperty("reason").GetString() == reason);
        (await Verify(admin)).GetProperty("intact").GetBoolean().ShouldBeTrue();

        // A row written before the trail encrypted its free text: plaintext in the column. It still reads and verifies,
        // and the start-up task encrypts it in place without breaking the chain.
        var entries = _db.Table("audit", "entries");
        string id;
        await using (var connection = await _db.OpenAsync())
        {
            id = (await RawDatabase.RowsAsync(connection,
                $"SELECT \"Id\" FROM {entries} WHERE \"Action\" = 'access.break_glass' AND \"RecordId\" = '{patientId}'")).Single();
            await RawDatabase.ExecuteAsync(connection, $"UPDATE {entries} SET \"Reason\" = '{reason}' WHERE \"Id\" = {id}");
            (await RawDatabase.RowsAsync(connection, $"SELECT \"Reason\" FROM {entries} WHERE \"Id\" = {id}")).Single().ShouldBe(reason);
            (await Verify(admin)).GetProperty("intact").GetBoolean().ShouldBeTrue();
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            foreach (var task in scope.ServiceProvider.GetServices<Telemed.BuildingBlocks.Modules.IStartupTask>())
            {
                await task.RunAsync(CancellationToken.None);
            }
        }

        await using (var connection = await _db.OpenAsync())
        {
            var reencrypted = (await RawDatabase.RowsAsync(connection, $"SELECT \"Reason\" FROM {entries} WHERE \"Id\" = {id}")).Single();
            reencrypted.ShouldStartWith("v1.");
            reencrypted.ShouldNotContain(reason);
        }

        (await Verify(admin)).GetProperty("intact").GetBoolean().ShouldBeTrue();
        shown = await admin.GetJsonAsync<JsonElement>($"/api/v1/admin/audit?breakGlass=true&recordId={patientId}");
        shown.GetProperty("items").EnumerateArray().ShouldContain(e => e.GetProperty("reason").GetString() == reason);
    }

    private async Task<Guid> PatientIdAsync(string email)
    {
        using var patient = host.CreateApiClient();
        await patient.SignInAsync(email, Demo.Password);
        return (await patient.GetJsonAsync<JsonElement>("/api/v1/me/patient-profile")).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> Verify(ApiClient admin)
    {
        var response = await admin.PostAsync("/api/v1/admin/audit/verify");
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(int ExitCode, string Output)> RunCliAsync()
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "audit", "verify"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = host.DataDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__DataDirectory"] = host.DataDirectory;
        start.Environment["Database__Provider"] = host.Provider.ToString();
        start.Environment["Database__ConnectionString"] = host.ConnectionString;
        start.Environment["Encryption__AllowDevelopmentKeys"] = "true";
        start.Environment["DemoClinic__Seed"] = "false";
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync() + await errors;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, output);
    }

    [Fact]
    public async Task Given_a_database_built_by_the_migrations_Then_its_schema_is_exactly_what_the_model_describes()
    {
        await using var migrated = await _db.OpenAsync();
        await using var modelled = await _db.CreateFromModelAsync();

        var actual = (await _db.SchemaAsync(migrated)).Order(StringComparer.Ordinal).ToList();
        var expected = (await _db.SchemaAsync(modelled)).Order(StringComparer.Ordinal).ToList();

        actual.Count.ShouldBeGreaterThan(50);
        actual.Except(expected).ShouldBeEmpty("the migrations create something the model does not describe");
        expected.Except(actual).ShouldBeEmpty("the model describes something the migrations do not create");
    }
}

public sealed class DataProtectionScenariosOnSqlite(SqliteHost host) : DataProtectionScenarios(host), IClassFixture<SqliteHost>;

public sealed class DataProtectionScenariosOnPostgres(PostgresHost host) : DataProtectionScenarios(host), IClassFixture<PostgresHost>;
