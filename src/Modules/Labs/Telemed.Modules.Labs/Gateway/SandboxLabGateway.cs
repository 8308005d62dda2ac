using Telemed.Modules.Labs.Catalogue;

namespace Telemed.Modules.Labs.Gateway;

/// <summary>
/// DEMO ONLY: an in-process sandbox "lab" for the run command, chosen by the partner-lab base URL <c>sandbox:</c>. It accepts
/// every order and, from <see cref="ResultDelay"/> after the order was sent, reports every ordered test with a normal
/// value in the middle of the catalogue's range. Nothing leaves the process. Tests use a real FHIR partner-lab process.
/// </summary>
internal sealed class SandboxLabGateway(TimeProvider clock) : ILabGateway
{
    public static readonly TimeSpan ResultDelay = TimeSpan.FromMinutes(1);

    public Task<IReadOnlyList<string>> SendAsync(string fhirBaseUrl, LabOrderToSend order, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([$"sandbox-{order.OrderId:N}"]);

    public Task<IReadOnlyList<ReportFromLab>> FetchReportsAsync(string fhirBaseUrl, LabOrderToSend order, IReadOnlyList<string> externalIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - order.OrderedAt < ResultDelay)
        {
            return Task.FromResult<IReadOnlyList<ReportFromLab>>([]);
        }

        var values = order.Tests.Select(t => BundledLabCatalogue.Find(t.LoincCode)).OfType<LabTest>().SelectMany(BundledLabCatalogue.TestsOf)
            .Select(t => new ReportedValue(t.LoincCode, t.NameEn, MiddleOf(t), null, t.Unit, t.RangeLow, t.RangeHigh, "N", null, now)).ToList();
        return Task.FromResult<IReadOnlyList<ReportFromLab>>([new ReportFromLab($"sandbox-report-{order.OrderId:N}", null, now, values)]);
    }

    private static decimal? MiddleOf(LabTest t) => (t.RangeLow, t.RangeHigh) switch
    {
        ({ } low, { } high) => Math.Round((low + high) / 2, 1),
        (null, { } high) => Math.Round(high * 0.7m, 1),
        ({ } low, null) => Math.Round(low * 1.3m, 1),
        _ => null,
    };
}
