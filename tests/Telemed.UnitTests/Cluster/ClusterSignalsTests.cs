using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Cluster;

namespace Telemed.UnitTests.Cluster;

public sealed class ClusterSignalsTests
{
    public sealed record DoorClosed(Guid Door, int Times);

    public sealed record NobodyListens(string Name);

    private sealed class Recorder : IClusterSignalHandler<DoorClosed>
    {
        public List<DoorClosed> Seen { get; } = [];

        public void Handle(DoorClosed signal) => Seen.Add(signal);
    }

    private sealed class Throws : IClusterSignalHandler<DoorClosed>
    {
        public void Handle(DoorClosed signal) => throw new InvalidOperationException("boom");
    }

    private static (ClusterSignals Signals, Recorder Recorder, List<string> Sent) Create(bool failing = false)
    {
        var services = new ServiceCollection().AddLogging();
        if (failing)
        {
            services.AddClusterSignalHandler<DoorClosed, Throws>();
        }

        services.AddClusterSignalHandler<DoorClosed, Recorder>();
        services.AddSingleton<ClusterSignals>();
        var provider = services.BuildServiceProvider();
        var signals = provider.GetRequiredService<ClusterSignals>();
        var sent = new List<string>();
        signals.Transport = payload =>
        {
            sent.Add(payload);
            return Task.CompletedTask;
        };
        var recorder = (Recorder)provider.GetServices<IClusterSignalHandler<DoorClosed>>().Single(h => h is Recorder);
        return (signals, recorder, sent);
    }

    [Fact]
    public void Given_a_signal_published_Then_this_hosts_handlers_run_before_it_returns_and_it_is_sent_to_the_others()
    {
        var (signals, recorder, sent) = Create();
        var door = Guid.NewGuid();

        signals.Publish(new DoorClosed(door, 1));

        recorder.Seen.ShouldBe([new DoorClosed(door, 1)]);
        sent.Count.ShouldBe(1);
        sent[0].ShouldContain(door.ToString());
    }

    [Fact]
    public void Given_a_signal_from_another_host_Then_the_handlers_run_once_and_this_hosts_own_echo_is_ignored()
    {
        var (here, recorder, sent) = Create();
        var (there, _, fromThere) = Create();
        var door = Guid.NewGuid();

        there.Publish(new DoorClosed(door, 2));
        here.Receive(fromThere.Single());
        here.Publish(new DoorClosed(door, 3));
        here.Receive(sent.Single());

        recorder.Seen.ShouldBe([new DoorClosed(door, 2), new DoorClosed(door, 3)]);
    }

    [Fact]
    public void Given_an_unknown_signal_type_or_garbage_Then_nothing_runs_and_nothing_throws()
    {
        var (here, recorder, _) = Create();
        var (there, _, fromThere) = Create();

        there.Publish(new NobodyListens("x"));
        here.Receive(fromThere.Single());
        here.Receive("{not json");
        here.Receive("null");

        recorder.Seen.ShouldBeEmpty();
    }

    [Fact]
    public void Given_a_failing_handler_Then_the_others_still_run()
    {
        var (signals, recorder, _) = Create(failing: true);

        signals.Publish(new DoorClosed(Guid.Empty, 4));

        recorder.Seen.Count.ShouldBe(1);
    }
}
