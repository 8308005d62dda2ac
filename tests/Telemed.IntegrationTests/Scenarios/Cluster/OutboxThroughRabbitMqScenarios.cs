using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Events;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Identity.Contracts;
using Xunit.Abstractions;

namespace Telemed.IntegrationTests.Scenarios.Cluster;

/// <summary>
/// Two hosts on one PostgreSQL database: the outbox claim keeps them from delivering the same row twice, and with
/// RabbitMQ configured events travel through the broker (competing consumers) and wait in the outbox while it is down.
/// The event is a patient's registration; a counting handler on each host records which host handled it.
/// </summary>
public sealed class OutboxThroughRabbitMqScenarios(RabbitMqServer broker, ITestOutputHelper output) : IClassFixture<RabbitMqServer>
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Timings in the test output: where a slow run spent its time.</summary>
    private void Mark(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1} s  {what}");

    private static readonly string RegisteredType = typeof(PatientRegistered).FullName!;

    [Fact]
    public async Task Given_two_hosts_without_a_broker_and_a_burst_of_events_Then_each_handler_runs_once_per_event()
    {
        var counts = new EventCounts();
        await using var a = new CountingHost("A", counts, settings: null);
        await a.InitializeAsync();
        await using var b = new CountingHost(a, "B", counts, settings: null);
        await b.InitializeAsync();

        // Slow handlers widen the window in which both dispatchers look at the same pending rows.
        counts.HandlerDelay = TimeSpan.FromMilliseconds(25);
        var emails = Enumerable.Range(0, 40).Select(i => $"claim-{i}-{Guid.NewGuid():N}@example.test").ToList();
        await Task.WhenAll(emails.Select((email, i) => RegisterAsync(i % 2 == 0 ? a : b, email)));

        await WaitForAsync(() => emails.All(e => counts.Total(e) >= 1), TimeSpan.FromSeconds(90));
        await Task.Delay(2000);   // more passes of both dispatchers: nothing runs again

        emails.Select(e => counts.Total(e)).ShouldAllBe(n => n == 1);
        (counts.HandledBy("A") + counts.HandledBy("B")).ShouldBe(emails.Count);
        (await PendingRegistrationsAsync(a)).ShouldBe(0);
    }

    [Fact]
    public async Task Given_RabbitMQ_When_host_A_publishes_an_event_Then_host_B_consumes_it_from_the_broker()
    {
        var counts = new EventCounts();
        // A publishes only: whatever handles the event must have come through the broker to B.
        await using var a = new CountingHost("A", counts, broker.HostSettings(consume: false));
        await a.InitializeAsync();
        await using var b = new CountingHost(a, "B", counts, broker.HostSettings(consume: true));
        await b.InitializeAsync();

        var email = $"broker-{Guid.NewGuid():N}@example.test";
        await RegisterAsync(a, email);

        await WaitForAsync(() => counts.Total(email) >= 1, TimeSpan.FromSeconds(60));
        await Task.Delay(1500);
        counts.Count("B", email).ShouldBe(1);
        counts.Count("A", email).ShouldBe(0);
        (await PendingRegistrationsAsync(a)).ShouldBe(0);
        NoAddressIn(a, b, email);
    }

    [Fact]
    public async Task Given_RabbitMQ_is_down_When_a_patient_registers_Then_the_event_waits_in_the_outbox_and_is_delivered_once_when_it_is_back()
    {
        var counts = new EventCounts();
        await using var a = new CountingHost("A", counts, broker.HostSettings());
        await a.InitializeAsync();
        await using var b = new CountingHost(a, "B", counts, broker.HostSettings());
        await b.InitializeAsync();
        Mark("two hosts started");
        // Both hosts are through the start-up events before the outage.
        var before = $"before-{Guid.NewGuid():N}@example.test";
        await RegisterAsync(a, before);
        await WaitForAsync(() => counts.Total(before) == 1, TimeSpan.FromSeconds(60));
        Mark("an event went through the broker");

        var email = $"outage-{Guid.NewGuid():N}@example.test";
        await broker.StopAsync();
        Mark("broker stopped");
        try
        {
            await RegisterAsync(b, email);
            await Task.Delay(3000);   // several dispatcher passes with the broker gone
            counts.Total(email).ShouldBe(0);
            (await PendingRegistrationsAsync(a)).ShouldBe(1);
        }
        finally
        {
            await broker.StartAsync();
            Mark("broker started again");
        }

        await WaitForAsync(() => counts.Total(email) >= 1, TimeSpan.FromSeconds(60));
        Mark("the waiting event was delivered");
        await Task.Delay(2000);
        counts.Total(email).ShouldBe(1);
        counts.Total(before).ShouldBe(1);
        (await PendingRegistrationsAsync(a)).ShouldBe(0);
        NoAddressIn(a, b, email);
    }

    [Fact]
    public async Task Given_RabbitMQ_When_one_handler_fails_twice_Then_only_it_comes_back_through_the_outbox_until_it_succeeds()
    {
        var counts = new EventCounts();
        var calls = new HandlerCalls();
        await using var a = new CountingHost("A", counts, broker.HostSettings(), calls);
        await a.InitializeAsync();

        var email = $"retry-{Guid.NewGuid():N}@example.test";
        await RegisterAsync(a, email);

        await WaitForAsync(() => calls.Count(nameof(FailsTwice), email) >= 3, TimeSpan.FromSeconds(60));
        await Task.Delay(1500);
        calls.Count(nameof(FailsTwice), email).ShouldBe(3);
        calls.Count(nameof(AlwaysWorks), email).ShouldBe(1);
        counts.Total(email).ShouldBe(1);
        // Each failure became a retry row for the failing handler alone, published in turn (attempts counted at each confirm).
        var raw = new RawDatabase(a);
        await using var connection = await raw.OpenAsync();
        var retries = await RawDatabase.RowsAsync(connection,
            $"SELECT \"EventType\", \"Attempts\", \"ProcessedAt\" IS NOT NULL FROM {raw.Table("identity", "outbox")} WHERE \"EventType\" LIKE '%#%' ORDER BY \"Attempts\"");
        var retryType = $"{RegisteredType}#{typeof(FailsTwice).FullName}";
        retries.ShouldBe([$"{retryType}|2|True", $"{retryType}|3|True"]);
    }

    private static async Task RegisterAsync(TelemedHost host, string email)
    {
        using var client = host.CreateApiClient();
        await client.GetAsync("/api/v1/auth/session");
        var registered = await client.PostAsync("/api/v1/auth/register", new
        {
            email, password = "correct horse battery", givenName = "Olga", familyName = "Testova", dateOfBirth = "1991-02-03", preferredLanguage = "en",
        });
        registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    /// <summary>Registration events not yet delivered (or published) in the identity module's outbox.</summary>
    private static async Task<int> PendingRegistrationsAsync(TelemedHost host)
    {
        var raw = new RawDatabase(host);
        await using var connection = await raw.OpenAsync();
        var rows = await RawDatabase.RowsAsync(connection,
            $"SELECT COUNT(*) FROM {raw.Table("identity", "outbox")} WHERE \"ProcessedAt\" IS NULL AND \"EventType\" = '{RegisteredType}'");
        return int.Parse(rows.Single());
    }

    /// <summary>The e-mail address (PHI) appears in no log line of either host, the broker's and the outbox's included.</summary>
    private static void NoAddressIn(TelemedHost a, TelemedHost b, string email) =>
        a.Logs.Concat(b.Logs).ShouldNotContain(line => line.Contains(email, StringComparison.OrdinalIgnoreCase));

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new ShouldAssertException("Timed out waiting for the event to be handled.");
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>Handler calls per (host, e-mail), shared by the hosts of one test.</summary>
public sealed class EventCounts
{
    private readonly ConcurrentDictionary<(string Host, string Email), int> _calls = new();

    public TimeSpan HandlerDelay { get; set; }

    public void Add(string host, string email) => _calls.AddOrUpdate((host, email), 1, (_, n) => n + 1);

    public int Count(string host, string email) => _calls.GetValueOrDefault((host, email));

    public int Total(string email) => _calls.Where(c => c.Key.Email == email).Sum(c => c.Value);

    public int HandledBy(string host) => _calls.Where(c => c.Key.Host == host).Sum(c => c.Value);
}

public sealed record HostLabel(string Name);

public sealed class CountsRegistrations(EventCounts counts, HostLabel host) : IIntegrationEventHandler<PatientRegistered>
{
    public async Task HandleAsync(PatientRegistered integrationEvent, CancellationToken cancellationToken)
    {
        if (counts.HandlerDelay > TimeSpan.Zero)
        {
            await Task.Delay(counts.HandlerDelay, cancellationToken);
        }

        counts.Add(host.Name, integrationEvent.Email);
    }
}

/// <summary>A PostgreSQL host with <see cref="CountsRegistrations"/> next to the modules' own handlers.</summary>
public sealed class CountingHost : TelemedHost, IAsyncDisposable
{
    private readonly string _name;
    private readonly EventCounts _counts;
    private readonly HandlerCalls? _flaky;

    /// <param name="flaky">When given, the host also has <see cref="AlwaysWorks"/> and <see cref="FailsTwice"/>, counting into it.</param>
    public CountingHost(string name, EventCounts counts, IDictionary<string, string?>? settings, HandlerCalls? flaky = null) : base(DatabaseProvider.Postgres, settings) =>
        (_name, _counts, _flaky) = (name, counts, flaky);

    /// <summary>A second host running next to <paramref name="first"/> on its database and data.</summary>
    public CountingHost(CountingHost first, string name, EventCounts counts, IDictionary<string, string?>? settings)
        : base(first, settings ?? new Dictionary<string, string?>(), concurrent: true) => (_name, _counts) = (name, counts);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(_counts);
            services.AddSingleton(new HostLabel(_name));
            services.AddIntegrationEventHandler<PatientRegistered, CountsRegistrations>();
            if (_flaky is not null)
            {
                services.AddSingleton(_flaky);
                services.AddIntegrationEventHandler<PatientRegistered, AlwaysWorks>();
                services.AddIntegrationEventHandler<PatientRegistered, FailsTwice>();
            }
        });
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
