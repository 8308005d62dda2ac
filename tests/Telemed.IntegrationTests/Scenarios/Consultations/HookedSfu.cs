using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Consultations.Calls.Media;

namespace Telemed.IntegrationTests.Scenarios.Consultations;

/// <summary>
/// Lets a scenario act at one exact moment of the host's work with the SFU: inside the next admission of a participant, after the
/// host checked them and before the SFU takes their seat. Races that no database lock can hold still (the check is a plain read)
/// become a fixed order this way; the SFU itself is the real one.
/// </summary>
public sealed class SfuHooks
{
    private Func<Task>? _beforeNextAdmit;

    /// <summary>Runs <paramref name="action"/> once, inside the host's next <c>AdmitAsync</c>, before the SFU is asked.</summary>
    public void BeforeNextAdmit(Func<Task> action) => _beforeNextAdmit = action;

    internal Task BeforeAdmitAsync() => Interlocked.Exchange(ref _beforeNextAdmit, null)?.Invoke() ?? Task.CompletedTask;
}

/// <summary>A host whose SFU adapter (Janus, as configured) runs <see cref="SfuHooks"/> first.</summary>
public sealed class SfuHookedHost(DatabaseProvider provider, IDictionary<string, string?> settings, SfuHooks hooks) : TelemedHost(provider, settings)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var configured = services.Last(d => d.ServiceType == typeof(ISelectiveForwardingUnit));
            services.Remove(configured);
            services.AddScoped<ISelectiveForwardingUnit>(sp => new HookedSfu((ISelectiveForwardingUnit)configured.ImplementationFactory!(sp), hooks));
        });
    }
}

internal sealed class HookedSfu(ISelectiveForwardingUnit inner, SfuHooks hooks) : ISelectiveForwardingUnit
{
    public bool Available => inner.Available;

    public bool CanRecord => inner.CanRecord;

    public Task OpenRoomAsync(long room, int publishers, CancellationToken ct) => inner.OpenRoomAsync(room, publishers, ct);

    public long RoomIdOf(Guid consultationId, int attempt) => inner.RoomIdOf(consultationId, attempt);

    public async Task<SfuSeat> AdmitAsync(long room, Guid userId, string display, CancellationToken ct)
    {
        await hooks.BeforeAdmitAsync();
        return await inner.AdmitAsync(room, userId, display, ct);
    }

    public Task DropAsync(long room, Guid userId, CancellationToken ct) => inner.DropAsync(room, userId, ct);

    public Task DropScreenAsync(long room, Guid userId, CancellationToken ct) => inner.DropScreenAsync(room, userId, ct);

    public Task CloseRoomAsync(long room, IReadOnlyCollection<Guid> participants, CancellationToken ct) => inner.CloseRoomAsync(room, participants, ct);

    public Task StartRecordingAsync(long room, string directory, CancellationToken ct) => inner.StartRecordingAsync(room, directory, ct);

    public Task StopRecordingAsync(long room, CancellationToken ct) => inner.StopRecordingAsync(room, ct);

    public long FeedIdOf(long room, Guid userId) => inner.FeedIdOf(room, userId);
}
