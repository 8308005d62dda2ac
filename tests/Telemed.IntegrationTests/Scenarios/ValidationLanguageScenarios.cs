using System.Net;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// The field messages of a refused form follow the reader's language (the web app's Accept-Language): a Russian reader reads
/// a validator's own text from the server's Russian catalogue and FluentValidation's default text in its Russian; an English
/// reader reads both as before (docs/localisation.md, "Texts the server writes for a reader").
/// </summary>
public sealed class ValidationLanguageScenarios(LooseRateLimitSqliteHost host) : IClassFixture<LooseRateLimitSqliteHost>
{
    // A 5-character password meets the validator's own "Use at least 10 characters."; a 101-character given name meets
    // FluentValidation's default MaximumLength text.
    private static object InvalidRegistration() => new
    {
        email = $"lang-{Guid.NewGuid():N}@example.test", password = "short", givenName = new string('x', 101), familyName = "Testova",
        dateOfBirth = "1990-05-17", preferredLanguage = "ru",
    };

    [Fact]
    public async Task Given_a_Russian_reader_When_a_form_is_refused_Then_its_field_messages_are_Russian()
    {
        var errors = await RefusedRegistrationAsync("ru-RU,ru;q=0.9,en;q=0.8");

        errors.GetProperty("password").EnumerateArray().Select(e => e.GetString()).ShouldBe(["Не менее 10 символов."]);
        errors.GetProperty("givenName").EnumerateArray().Select(e => e.GetString())
            .ShouldBe(["'Given Name' должно быть длиной не более 100 символов. Количество введенных символов: 101."]);
    }

    [Fact]
    public async Task Given_an_English_reader_When_a_form_is_refused_Then_its_field_messages_are_English_as_before()
    {
        var errors = await RefusedRegistrationAsync("en");

        errors.GetProperty("password").EnumerateArray().Select(e => e.GetString()).ShouldBe(["Use at least 10 characters."]);
        errors.GetProperty("givenName").EnumerateArray().Select(e => e.GetString())
            .ShouldBe(["The length of 'Given Name' must be 100 characters or fewer. You entered 101 characters."]);

        // And the next Russian request on the same host is not worded in the culture the English one left behind, nor the reverse.
        (await RefusedRegistrationAsync("ru")).GetProperty("password")[0].GetString().ShouldBe("Не менее 10 символов.");
        (await RefusedRegistrationAsync("en")).GetProperty("givenName")[0].GetString()!.ShouldStartWith("The length of 'Given Name'");
    }

    private async Task<JsonElement> RefusedRegistrationAsync(string acceptLanguage)
    {
        using var visitor = host.CreateApiClient();
        visitor.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        await visitor.GetAsync("/api/v1/auth/session");
        var response = await visitor.PostAsync("/api/v1/auth/register", InvalidRegistration());
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("code").GetString().ShouldBe("validation.failed", text);
        return problem.GetProperty("errors");
    }
}
