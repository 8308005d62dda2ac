using System.Net;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>
/// The field messages of a refused form follow the reader's language (the web app's Accept-Language): a Russian reader reads
/// a validator's own text and an endpoint's hand-built field message from the server's Russian catalogue, and FluentValidation's
/// default text in Russian without the field's English name; an English reader reads them all as before (docs/localisation.md,
/// "Texts the server writes for a reader").
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
        // FluentValidation's default, without the English name of the field it is shown under.
        errors.GetProperty("givenName").EnumerateArray().Select(e => e.GetString()).ShouldBe(["Количество символов: не больше 100, введено 101."]);
    }

    [Fact]
    public async Task Given_a_Russian_reader_When_an_endpoint_refuses_with_a_field_dictionary_it_built_itself_Then_the_message_is_Russian()
    {
        var slots = await RefusedAsync("/api/v1/scheduling/slots?kind=bogus", "ru");
        slots.GetProperty("kind").EnumerateArray().Select(e => e.GetString()).ShouldBe(["Укажите video, inPerson или chat."]);

        var doctors = await RefusedAsync("/api/v1/doctors?minPrice=-1&specialty=no-such-specialty", "ru-RU,ru;q=0.9");
        doctors.GetProperty("minPrice")[0].GetString().ShouldBe("Цена не может быть отрицательной.");
        doctors.GetProperty("specialty")[0].GetString().ShouldBe("Неизвестная специальность.");

        var days = await RefusedAsync("/api/v1/scheduling/slots?timeZone=UTC&from=1900-01-01", "ru");
        days.GetProperty("from")[0].GetString().ShouldBe(
            $"Выберите дату начала не раньше чем за {MaxDaysBack} дней до сегодняшнего дня и не позже чем через {MaxDaysAhead} дней после него.");
    }

    [Fact]
    public async Task Given_an_English_reader_When_an_endpoint_refuses_with_a_field_dictionary_it_built_itself_Then_the_message_is_as_written()
    {
        (await RefusedAsync("/api/v1/scheduling/slots?kind=bogus", "en")).GetProperty("kind")[0].GetString().ShouldBe("Use video, inPerson or chat.");
        (await RefusedAsync("/api/v1/doctors?minPrice=-1", "en")).GetProperty("minPrice")[0].GetString().ShouldBe("The price cannot be negative.");

        // The endpoint's dictionary is shared between requests: a Russian reader in between leaves the next English one untouched.
        await RefusedAsync("/api/v1/scheduling/slots?kind=bogus", "ru");
        (await RefusedAsync("/api/v1/scheduling/slots?kind=bogus", "en")).GetProperty("kind")[0].GetString().ShouldBe("Use video, inPerson or chat.");
    }

    [Fact]
    public async Task Given_a_Russian_reader_When_a_body_leaves_out_a_member_Then_the_exception_handlers_field_message_is_Russian()
    {
        foreach (var (language, expected) in new[] { ("ru", "Обязательное поле."), ("en", "Required.") })
        {
            using var visitor = host.CreateApiClient();
            visitor.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            await visitor.GetAsync("/api/v1/auth/session");
            var response = await visitor.PostAsync("/api/v1/auth/register", new
            {
                email = $"lang-{Guid.NewGuid():N}@example.test", password = "a long enough password", givenName = "Anna", familyName = "Testova",
                preferredLanguage = "ru",
            });
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
            JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty("dateOfBirth")[0].GetString().ShouldBe(expected, text);
        }
    }

    private const int MaxDaysBack = 366;
    private const int MaxDaysAhead = 2 * 366;

    private async Task<JsonElement> RefusedAsync(string path, string acceptLanguage)
    {
        using var visitor = host.CreateApiClient();
        visitor.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        var response = await visitor.GetAsync(path);
        return await ValidationErrorsAsync(response);
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
        return await ValidationErrorsAsync(await visitor.PostAsync("/api/v1/auth/register", InvalidRegistration()));
    }

    private static async Task<JsonElement> ValidationErrorsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        problem.GetProperty("code").GetString().ShouldBe("validation.failed", text);
        return problem.GetProperty("errors");
    }
}
