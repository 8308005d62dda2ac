using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Security;

namespace Telemed.Modules.Labs.Gateway;

/// <summary>
/// The background worker that polls partner labs: every <c>Labs:PollSeconds</c> (default 30) it runs one
/// <see cref="LabOrderDispatch"/> pass (send waiting orders, fetch reports, auto-release).
/// </summary>
internal sealed class LabResultPolling(IServiceProvider services, FieldEncryption encryption, IConfiguration configuration, ILogger<LabResultPolling> logger)
    : PeriodicWorker(services, encryption, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Labs:PollSeconds", 30)));

    protected override Task RunPassAsync(IServiceProvider scope, CancellationToken ct) => scope.GetRequiredService<LabOrderDispatch>().RunPassAsync(ct);
}
