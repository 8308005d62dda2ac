using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.BuildingBlocks.Scanning;

namespace Telemed.IntegrationTests.Scenarios.ContractFuzz;

/// <summary>A host whose virus scanner throws, with the uploaded file's name in the exception message: a real 500 to inspect.</summary>
public sealed class FaultyScannerHost() : TelemedHost(DatabaseProvider.Sqlite)
{
    public const string Secret = "Kuznetsova-Ivanna-PHI-7731";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IVirusScanner, ThrowingScanner>());
    }

    private sealed class ThrowingScanner : IVirusScanner
    {
        public Task<ScanVerdict> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"Scanner crashed on the file of {Secret}");
    }
}

public sealed class UnhandledErrorScenarios(FaultyScannerHost host) : IClassFixture<FaultyScannerHost>
{
    [Fact]
    public async Task Given_an_unexpected_failure_Then_the_answer_is_a_500_problem_and_the_log_names_the_route_template_and_exception_type_only()
    {
        using var patient = await host.SignedInAsync("ivan.kuznetsov@demo.telemed.dev");
        var response = await ConsultationsApi.UploadRawAsync(patient, ConsultationsApi.PngWithText(FaultyScannerHost.Secret), FaultyScannerHost.Secret + ".png", "image/png");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        JsonDocument.Parse(body).RootElement.GetProperty("code").GetString().ShouldBe("server_error");
        body.ShouldNotContain(FaultyScannerHost.Secret);

        var line = host.Logs.Single(l => l.Contains("Unhandled", StringComparison.Ordinal));
        line.ShouldContain("System.InvalidOperationException");
        line.ShouldContain("POST /api/v1/consultations/attachments");
        host.Logs.ShouldNotContain(l => l.Contains(FaultyScannerHost.Secret, StringComparison.Ordinal));
        host.Logs.ShouldNotContain(l => l.Contains("Scanner crashed", StringComparison.Ordinal));
    }
}
