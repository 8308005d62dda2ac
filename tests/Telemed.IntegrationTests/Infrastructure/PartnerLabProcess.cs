using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// The partner-lab FHIR R4 endpoint (tests/Telemed.PartnerLab) running as its own process on 127.0.0.1 and a free port:
/// <see cref="FhirBase"/> is what a partner lab's base URL is set to; <see cref="CompleteAsync"/> makes the lab finish a
/// requisition (our order id), optionally with one critically high value.
/// </summary>
public sealed class PartnerLabProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private PartnerLabProcess(Process process, Uri root)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(20) };
    }

    /// <summary>
    /// What a host needs to call this lab at <see cref="FhirBase"/> (plain http on loopback): <c>Outbound:AllowLoopback</c>, which a
    /// Development host honours (docs/labs.md, "A partner lab on this machine"), plus <paramref name="more"/>.
    /// </summary>
    public static Dictionary<string, string?> HostSettings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Outbound:AllowLoopback"] = "true" };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public string FhirBase => new Uri(_http.BaseAddress!, "fhir").ToString();

    public static async Task<PartnerLabProcess> StartAsync()
    {
        var dll = Path.Combine(Path.GetDirectoryName(NodeClients.Folder)!, "Telemed.PartnerLab", "bin", "Release", "net10.0", "Telemed.PartnerLab.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Build tests/Telemed.PartnerLab first (-c Release): {dll} is missing.");
        }

        var port = LoopbackPorts.Free();
        var root = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", root.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var lab = new PartnerLabProcess(Process.Start(start)!, root);
        lab._process.OutputDataReceived += (_, _) => { };
        lab._process.ErrorDataReceived += (_, _) => { };
        lab._process.BeginOutputReadLine();
        lab._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await lab._http.GetAsync("fhir/metadata")).IsSuccessStatusCode)
                {
                    return lab;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !lab._process.HasExited)
            {
            }

            if (DateTime.UtcNow >= deadline || lab._process.HasExited)
            {
                await lab.DisposeAsync();
                throw new InvalidOperationException("The partner-lab process did not start.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The ServiceRequests the lab received, as FHIR JSON resources.</summary>
    public async Task<IReadOnlyList<JsonElement>> RequestsAsync()
    {
        var bundle = JsonDocument.Parse(await _http.GetStringAsync("control/requests")).RootElement;
        return bundle.TryGetProperty("entry", out var entries) ? [.. entries.EnumerateArray().Select(e => e.GetProperty("resource").Clone())] : [];
    }

    /// <summary>
    /// Finishes the order's requisition; <paramref name="critical"/> is a LOINC code to report critically high; <paramref name="factor"/> scales normal values;
    /// <paramref name="narrative"/> is a LOINC code to report as a text value of <paramref name="narrativeLength"/> characters;
    /// <paramref name="uncoded"/> one to report without its LOINC coding; <paramref name="reportStatus"/> the report's FHIR status (default
    /// final); <paramref name="statusOf"/> a LOINC code whose Observation gets <paramref name="observationStatus"/>; <paramref name="absent"/> a
    /// LOINC code reported without a value, with dataAbsentReason <paramref name="absentReason"/> and the lab's words <paramref name="absentText"/>.
    /// </summary>
    public async Task<JsonElement> CompleteAsync(Guid orderId, string? critical = null, decimal factor = 1m, string? narrative = null, int narrativeLength = 100,
        string? uncoded = null, string? reportStatus = null, string? statusOf = null, string? observationStatus = null, string? absent = null,
        string? absentReason = null, string? absentText = null)
    {
        var query = $"control/complete?requisition={orderId}&factor={factor.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            + (critical is null ? "" : $"&critical={critical}")
            + (narrative is null ? "" : $"&narrative={narrative}&narrativeLength={narrativeLength}")
            + (uncoded is null ? "" : $"&uncoded={uncoded}")
            + (reportStatus is null ? "" : $"&reportStatus={reportStatus}")
            + (statusOf is null ? "" : $"&statusOf={statusOf}&observationStatus={observationStatus}")
            + (absent is null ? "" : $"&absent={absent}&absentReason={absentReason}&absentText={Uri.EscapeDataString(absentText ?? "")}");
        var response = await _http.PostAsync(query, null);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Moves the lab's report <paramref name="reportId"/> on to FHIR status <paramref name="status"/> (same id), as a lab finishes or withdraws it.</summary>
    public async Task SetReportStatusAsync(string reportId, string status)
    {
        var response = await _http.PostAsync($"control/status?report={reportId}&status={status}", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
