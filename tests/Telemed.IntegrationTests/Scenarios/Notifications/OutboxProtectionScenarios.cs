using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Notifications.DevelopmentOutbox;
using Telemed.Modules.Notifications.Policy;
using static Telemed.IntegrationTests.Infrastructure.ConsultationsApi;

namespace Telemed.IntegrationTests.Scenarios.Notifications;

/// <summary>The host in the Production environment with real channels: e-mail to a real SMTP server, SMS to a fake Twilio.</summary>
public sealed class ProductionChannelsFixture : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; } = new();
    public FakeTwilioServer Twilio { get; } = new();
    public TelemedHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Smtp.InitializeAsync(), Twilio.InitializeAsync());
        // App:PublicBaseUrl stays unset on purpose: links must still be absolute.
        var settings = Smtp.HostSettings().Concat(Twilio.HostSettings()).ToDictionary(s => s.Key, s => s.Value);
        Host = new TelemedHost(DatabaseProvider.Sqlite, settings, environment: "Production");
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Twilio.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>
/// The account takeover through the development outbox (an admin asks for a patient's password reset and reads the link in
/// Admin → Outbox) is closed outside Development: the outbox's routes do not exist, the link goes only to the patient.
/// </summary>
public sealed class OutboxProtectionScenarios(ProductionChannelsFixture fixture) : IClassFixture<ProductionChannelsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string Patient = "elena.popova@demo.telemed.dev";

    private TelemedHost Host => fixture.Host;

    [Fact]
    public async Task Given_Production_When_an_admin_requests_a_patients_password_reset_and_opens_the_outbox_Then_the_outbox_is_404_and_only_the_patient_gets_the_link()
    {
        using var admin = Host.CreateApiClient();
        await admin.SignInAsAdminAsync();

        // The old path: 1. ask for the patient's reset (anyone may), 2. read the link in Admin → Outbox, 3. reset, 4. sign in as the patient.
        (await admin.PostAsync("/api/v1/auth/password/forgot", new { email = Patient })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var outbox = await admin.GetAsync("/api/v1/admin/outbox?channel=email&pageSize=100");
        outbox.StatusCode.ShouldBe(HttpStatusCode.NotFound, "step 2 fails: the outbox does not exist outside Development");
        (await outbox.ProblemCodeAsync()).ShouldBe("not_found");
        (await outbox.Content.ReadAsStringAsync()).ShouldNotContain("reset-password");
        (await admin.GetAsync("/api/v1/admin/outbox")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var mail = await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(Patient), Patience);
        mail.Text.ShouldContain($"{Host.BaseAddress.ToString().TrimEnd('/')}/reset-password?token=", customMessage: "the patient, and only the patient, gets an absolute link");

        var channels = await admin.GetJsonAsync<JsonElement>("/api/v1/admin/notification-channels");
        channels.GetProperty("developmentOutbox").GetBoolean().ShouldBeFalse();
        channels.GetProperty("email").GetString().ShouldBe("smtp");
        channels.GetProperty("sms").GetString().ShouldBe("twilio");

        await using var scope = Host.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Messages.CountAsync()).ShouldBe(0, "nothing is kept on the server");
        Host.Logs.ShouldNotContain(l => l.Contains("reset-password?token=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_Production_without_App_PublicBaseUrl_When_a_patient_writes_to_their_doctor_Then_the_doctors_email_link_is_absolute()
    {
        using var patient = await Host.SignedInAsync("andrei.semenov@demo.telemed.dev");
        using var doctor = await Host.SignedInAsync("alexei.sokolov@demo.telemed.dev");
        var doctorId = await DoctorIdAsync(doctor);

        var started = await patient.PostAsync("/api/v1/consultations/conversations", new { doctorId, subject = "Question", body = "Is the new dose right?" });
        await started.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var conversationId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var mail = await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains("alexei.sokolov@demo.telemed.dev") && m.Text.Contains(conversationId.ToString()), Patience);
        mail.Text.ShouldContain($"{Host.BaseAddress.ToString().TrimEnd('/')}/doctor/messages/{conversationId}");
        mail.Text.ShouldNotContain("dose");
    }

    [Fact]
    public async Task Given_Production_Then_the_admin_menu_is_told_there_is_no_outbox_and_other_roles_may_not_ask()
    {
        using var patient = await Host.SignedInAsync(Patient);
        (await patient.GetAsync("/api/v1/admin/notification-channels")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await patient.GetAsync("/api/v1/admin/outbox")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

/// <summary>Start-up outside Development without real channels, with and without the operator's explicit opt-in.</summary>
public sealed class OutboxStartupScenarios
{
    [Fact]
    public async Task Given_Production_without_real_channels_When_the_host_starts_Then_it_refuses_naming_the_settings_and_touches_no_database()
    {
        var host = new TelemedHost(DatabaseProvider.Sqlite, new Dictionary<string, string?>(), environment: "Production");
        try
        {
            var error = await Should.ThrowAsync<Exception>(host.InitializeAsync);

            var message = Flatten(error);
            message.ShouldContain("Notifications:Email:Provider is Outbox (the development outbox, the default) in the Production environment");
            message.ShouldContain("Notifications:Email:Provider=Smtp (with Notifications:Email:Host and Notifications:Email:From)");
            message.ShouldContain("Notifications:Sms:Provider is Outbox");
            message.ShouldContain("Notifications:AllowOutboxOutsideDevelopment=true");
            host.Logs.ShouldContain(l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("fix these settings", StringComparison.Ordinal)
                && l.Contains("Notifications:Sms:Provider", StringComparison.Ordinal));
            File.Exists(Path.Combine(host.DataDirectory, "telemed.db")).ShouldBeFalse("the settings are checked before migrations");
        }
        finally
        {
            await DisposeQuietlyAsync(host);
        }
    }

    [Fact]
    public async Task Given_Production_with_the_outbox_opt_in_When_a_reset_is_requested_Then_the_stored_copy_has_no_link_and_the_outbox_stays_404()
    {
        var host = new TelemedHost(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Notifications:AllowOutboxOutsideDevelopment"] = "true" }, environment: "Production");
        try
        {
            await host.InitializeAsync();
            host.Logs.ShouldContain(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("AllowOutboxOutsideDevelopment", StringComparison.Ordinal));
            using var admin = host.CreateApiClient();
            await admin.SignInAsAdminAsync();

            (await admin.PostAsync("/api/v1/auth/password/forgot", new { email = "oliver.grant@demo.telemed.dev" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
            using var invited = await admin.PostAsync("/api/v1/admin/invitations", new { email = $"new.doctor.{Guid.NewGuid():N}@example.test", displayName = "Dr New", role = "Doctor" });
            invited.IsSuccessStatusCode.ShouldBeTrue(await invited.Content.ReadAsStringAsync());

            (await admin.GetAsync("/api/v1/admin/outbox")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            await using var scope = host.Services.CreateAsyncScope();
            var stored = await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().Messages.AsNoTracking().ToListAsync();
            var reset = stored.Where(m => m.To == "oliver.grant@demo.telemed.dev").ShouldHaveSingleItem();
            var invitation = stored.Where(m => m.To.StartsWith("new.doctor.", StringComparison.Ordinal)).ShouldHaveSingleItem();
            foreach (var message in new[] { reset, invitation })
            {
                message.Body.ShouldContain(CredentialLinks.Placeholder);
                message.Body.ShouldNotContain("token=");
                message.Body.ShouldNotContain("http");
            }
        }
        finally
        {
            await DisposeQuietlyAsync(host);
        }
    }

    private static async Task DisposeQuietlyAsync(TelemedHost host)
    {
        try
        {
            await host.DisposeAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or AggregateException or OperationCanceledException)
        {
            // A host that never started has little to stop.
        }
    }

    private static string Flatten(Exception error) => error switch
    {
        AggregateException aggregate => string.Join('\n', aggregate.InnerExceptions.Select(Flatten)),
        Microsoft.Extensions.Options.OptionsValidationException validation => string.Join('\n', validation.Failures),
        _ => error.Message + (error.InnerException is { } inner ? "\n" + Flatten(inner) : ""),
    };
}
