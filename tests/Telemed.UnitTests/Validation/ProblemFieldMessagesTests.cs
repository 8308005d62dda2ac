using Microsoft.AspNetCore.Http;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;

namespace Telemed.UnitTests.Validation;

/// <summary>
/// The field messages of an answer follow its reader's language as the host writes it, wherever the dictionary was built; an
/// English reader gets them as written, and a shared (static) error keeps its English for the next reader.
/// </summary>
public sealed class ProblemFieldMessagesTests
{
    private static readonly Error Shared = Error.ValidationFailed(new Dictionary<string, string[]> { ["kind"] = ["Use video, inPerson or chat."] });

    [Fact]
    public void Given_a_Russian_reader_Then_a_hand_built_field_message_is_Russian_and_the_shared_error_stays_English()
    {
        var problem = (HttpValidationProblemDetails)Problems.From(Shared).ProblemDetails;

        ProblemFieldMessages.ForReader(problem, "ru");

        problem.Errors["kind"].ShouldBe(["Укажите video, inPerson или chat."]);
        Shared.FieldErrors!["kind"].ShouldBe(["Use video, inPerson or chat."]);
    }

    [Fact]
    public void Given_an_English_reader_Then_the_field_messages_are_as_written()
    {
        var problem = (HttpValidationProblemDetails)Problems.From(Shared).ProblemDetails;

        ProblemFieldMessages.ForReader(problem, "en");

        problem.Errors["kind"].ShouldBe(["Use video, inPerson or chat."]);
    }

    [Fact]
    public void Given_field_errors_in_the_extensions_Then_they_follow_the_reader_too()
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Extensions = { ["errors"] = new Dictionary<string, string[]> { ["givenName"] = ["Required."] } } };

        ProblemFieldMessages.ForReader(problem, "ru");

        ((Dictionary<string, string[]>)problem.Extensions["errors"]!)["givenName"].ShouldBe(["Обязательное поле."]);
    }

    [Fact]
    public void Given_messages_already_in_Russian_Then_they_are_left_as_they_are()
    {
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["note"] = ["Не более 3 символов.", "Заполните это поле."] });

        ProblemFieldMessages.ForReader(problem, "ru");

        problem.Errors["note"].ShouldBe(["Не более 3 символов.", "Заполните это поле."]);
    }

    [Fact]
    public void Given_an_Accept_Language_header_Then_the_context_overload_reads_the_reader_from_it()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.AcceptLanguage = "ru-RU,ru;q=0.9,en;q=0.8";
        var problem = (HttpValidationProblemDetails)Problems.From(Shared).ProblemDetails;

        ProblemFieldMessages.ForReader(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });

        problem.Errors["kind"].ShouldBe(["Укажите video, inPerson или chat."]);
    }
}
