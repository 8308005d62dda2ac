using Microsoft.Extensions.DependencyInjection;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.BrowserTests;

/// <summary>Patients a journey makes for itself, so what it does (reviews, erasure, documents, payments) touches no other journey's data.</summary>
internal static class TestPatients
{
    /// <summary>
    /// A new patient account with the demo password and a profile named "<paramref name="purpose"/> Patient{tag}" (no history, no care
    /// relationships); returns its e-mail, <c>patient-{purpose}-{tag}@example.test</c>.
    /// </summary>
    public static async Task<string> NewAsync(TelemedHost host, string purpose, string sex = "female")
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"patient-{purpose.ToLowerInvariant()}-{tag}@example.test";
        using var scope = host.Services.CreateScope();
        var userId = await scope.ServiceProvider.GetRequiredService<IIdentityModule>().EnsureUserAsync(
            new NewUser(email, Demo.Password, $"{purpose} Patient {tag}", ["Patient"]));
        await scope.ServiceProvider.GetRequiredService<IDirectoryModule>().EnsurePatientProfileAsync(new NewPatientProfile(userId, purpose, $"Patient{tag}",
            new DateOnly(1985, 3, 2), sex, email, "+7 900 000 1313", "Tverskaya 3, Moscow", "en", "Acme", "T-1", [], []));
        return email;
    }
}
