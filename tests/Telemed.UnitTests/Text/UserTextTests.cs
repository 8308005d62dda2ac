using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Telemed.BuildingBlocks.Text;

namespace Telemed.UnitTests.Text;

/// <summary>The character rule for text users send (docs/security.md, "Text users send"), and its JSON modifier.</summary>
public sealed class UserTextTests
{
    [Theory]
    [InlineData("Anna Petrova")]
    [InlineData("محمد عبد الله")]                          // Arabic
    [InlineData("דוד כהן")]                                // Hebrew
    [InlineData("Анна Петрова")]
    [InlineData("👩‍⚕️ Dr Who")]                               // woman health worker: a ZWJ sequence with a variation selector
    [InlineData("👨‍👩‍👧")]                                    // family: ZWJ sequence
    [InlineData("👩🏽‍⚕️ Clinic ❤️‍🔥")]                          // a skin tone before the ZWJ; a BMP emoji with VS16 before one
    [InlineData("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐍈")]                           // astral letters (surrogate pairs)
    [InlineData("")]
    [InlineData("محمد\u200Cرضا")]                            // a Persian name written with ZWNJ (Mohammad‌reza), as Persian spelling wants
    [InlineData("می\u200Cخواهم")]                            // ZWNJ inside a Persian word
    [InlineData("क्\u200Dष")]                                // a ZWJ choosing a Devanagari conjunct's form
    public void Legitimate_text_is_accepted_as_one_line_and_as_several(string text)
    {
        UserText.Check(text, singleLine: true).ShouldBeNull();
        UserText.Check(text, singleLine: false).ShouldBeNull();
    }

    [Theory]
    [InlineData("Ivan\u200BPetrov", 4)]                    // zero-width space
    [InlineData("Ivan\u200CPetrov", 4)]                    // a ZWNJ between Latin letters changes nothing visible
    [InlineData("Иван\u200CПетров", 4)]                    // nor between Cyrillic ones
    [InlineData("\u200Cعلی", 0)]                            // nor at the start of a Persian name
    [InlineData("Anna\u200DPetrova", 4)]                    // a ZWJ between letters joins no emoji
    [InlineData("\u200D👩", 0)]                              // nor one at the start
    [InlineData("👩\u200D", 2)]                              // nor one at the end
    [InlineData("a\u200Eb", 1)]                             // LRM
    [InlineData("כהן\u200F", 3)]                            // RLM
    [InlineData("a\u061Cb", 1)]                             // ALM
    [InlineData("Para\u00ADcetamol", 4)]                    // soft hyphen
    [InlineData("Clinic\u2060", 6)]                         // word joiner
    [InlineData("x\u2061y", 1)]                             // function application
    [InlineData("x\u2064y", 1)]                             // invisible plus
    [InlineData("a\u034Fb", 1)]                             // combining grapheme joiner
    [InlineData("a\u180Eb", 1)]                             // Mongolian vowel separator
    [InlineData("a\u206Ab", 1)]                             // inhibit symmetric swapping
    [InlineData("a\uFFF9b", 1)]                             // interlinear annotation anchor
    public void Invisible_format_characters_are_refused_in_one_line_and_kept_in_free_text(string text, int index)
    {
        var problem = UserText.Check(text, singleLine: true).ShouldNotBeNull();
        problem.Fault.ShouldBe(TextFault.InvisibleFormat);
        problem.Index.ShouldBe(index);
        UserText.Check(text, singleLine: false).ShouldBeNull();
        UserText.Describe(problem, "givenName", russian: false).ShouldContain("invisible formatting character");
        UserText.Describe(problem, "givenName", russian: true).ShouldContain("невидимый символ форматирования");
    }

    [Theory]
    [InlineData("\u0000", TextFault.ControlCharacter)]
    [InlineData("\u0007", TextFault.ControlCharacter)]
    [InlineData("\u001B", TextFault.ControlCharacter)]
    [InlineData("\u007F", TextFault.ControlCharacter)]
    [InlineData("\u0085", TextFault.ControlCharacter)]
    [InlineData("\u009F", TextFault.ControlCharacter)]
    [InlineData("\u202A", TextFault.BidiControl)]
    [InlineData("\u202B", TextFault.BidiControl)]
    [InlineData("\u202C", TextFault.BidiControl)]
    [InlineData("\u202D", TextFault.BidiControl)]
    [InlineData("\u202E", TextFault.BidiControl)]
    [InlineData("\u2066", TextFault.BidiControl)]
    [InlineData("\u2067", TextFault.BidiControl)]
    [InlineData("\u2068", TextFault.BidiControl)]
    [InlineData("\u2069", TextFault.BidiControl)]
    [InlineData("\uFEFF", TextFault.ByteOrderMark)]
    [InlineData("\uFFFE", TextFault.Noncharacter)]
    [InlineData("\uFFFF", TextFault.Noncharacter)]
    [InlineData("\uFDD0", TextFault.Noncharacter)]
    [InlineData("\uFDEF", TextFault.Noncharacter)]
    public void Refused_characters_are_refused_everywhere_with_their_position(string bad, TextFault fault)
    {
        foreach (var singleLine in new[] { true, false })
        {
            var problem = UserText.Check("Review: " + bad + " great", singleLine).ShouldNotBeNull();
            problem.Fault.ShouldBe(fault);
            problem.Index.ShouldBe(8);
        }
    }

    /// <summary>Built in code: an attribute argument cannot hold half a surrogate pair (metadata stores it as UTF-8, as U+FFFD).</summary>
    [Fact]
    public void Unpaired_surrogates_and_astral_noncharacters_are_refused()
    {
        foreach (var (bad, fault) in new[]
        {
            ("\uD800", TextFault.UnpairedSurrogate), ("\uDC00", TextFault.UnpairedSurrogate), ("\uDC00\uD800", TextFault.UnpairedSurrogate),
            ("\uD83F\uDFFE", TextFault.Noncharacter), ("\uDBFF\uDFFF", TextFault.Noncharacter),
        })
        {
            var text = "Review: " + bad + " great";
            text.Length.ShouldBe(14 + bad.Length, "the test string keeps its surrogates");
            foreach (var singleLine in new[] { true, false })
            {
                var problem = UserText.Check(text, singleLine).ShouldNotBeNull();
                problem.Fault.ShouldBe(fault);
                problem.Index.ShouldBe(8);
            }
        }

        UserText.Check("end\uD800", singleLine: false).ShouldNotBeNull().Fault.ShouldBe(TextFault.UnpairedSurrogate);
        UserText.Check("\uD83D\uDE00", singleLine: true).ShouldBeNull(); // U+1F600, a whole pair
    }

    [Theory]
    [InlineData("\t")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\u2028")]
    public void Line_breaks_and_tabs_are_kept_in_several_lines_and_refused_in_one(string separator)
    {
        UserText.Check($"first{separator}second", singleLine: false).ShouldBeNull();
        UserText.Check($"first{separator}second", singleLine: true).ShouldNotBeNull().Fault.ShouldBe(TextFault.LineBreak);
    }

    [Fact]
    public void The_code_point_is_named_and_the_message_names_the_field_in_english_and_russian()
    {
        var problem = UserText.Check("abc\u202Edef", singleLine: false).ShouldNotBeNull();
        problem.CodePointLabel.ShouldBe("U+202E");
        UserText.Describe(problem, "review", russian: false).ShouldContain("\"review\"");
        UserText.Describe(problem, "review", russian: false).ShouldContain("U+202E");
        UserText.Describe(problem, "review", russian: true).ShouldContain("«review»");
        UserText.Describe(problem, "review", russian: true).ShouldContain("Удалите");
    }

    [Theory]
    [InlineData("name", true)]
    [InlineData("Name", true)]
    [InlineData("DisplayName", true)]
    [InlineData("ClinicName", true)]
    [InlineData("FileName", true)]
    [InlineData("NameRu", true)]
    [InlineData("TitleEn", true)]
    [InlineData("Email", true)]
    [InlineData("Phone", true)]
    [InlineData("Subject", true)]
    [InlineData("City", true)]
    [InlineData("Body", false)]
    [InlineData("Text", false)]
    [InlineData("Address", false)]
    [InlineData("Note", false)]
    [InlineData("Complaints", false)]
    [InlineData("OpeningHours", false)]
    public void Single_line_members_are_told_by_name(string member, bool singleLine) => UserText.IsSingleLineName(member).ShouldBe(singleLine);

    public sealed record Diagnosis(string Code, string? Note);

    public sealed record Sample(string Name, string? Body, string Password, IReadOnlyList<string>? Tags, Dictionary<string, string>? Translations,
        IReadOnlyList<Diagnosis>? Diagnoses);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(UserTextJson.Apply),
    };

    private static InvalidTextException Refused(string json) => Should.Throw<InvalidTextException>(() => JsonSerializer.Deserialize<Sample>(json, Options));

    [Fact]
    public void The_json_modifier_refuses_a_member_anywhere_in_a_body_and_names_its_path()
    {
        Refused("""{"name":"Dr \u202Eevil","password":"x"}""").FieldPath.ShouldBe("$.name");
        Refused("""{"name":"Line\none","password":"x"}""").Problem.Fault.ShouldBe(TextFault.LineBreak);
        Refused("""{"name":"a","body":"x\u0000y","password":"x"}""").FieldPath.ShouldBe("$.body");
        Refused("""{"name":"a","password":"x","tags":["ok","b\u2066ad"]}""").FieldPath.ShouldBe("$.tags[1]");
        Refused("""{"name":"a","password":"x","translations":{"ru":"\uFEFFтекст"}}""").FieldPath.ShouldBe("$.translations.ru");
        var nested = Refused("""{"name":"a","password":"x","diagnoses":[{"code":"R51","note":"ok"},{"code":"I10","note":"\u202Dnote"}]}""");
        nested.FieldPath.ShouldEndWith(".note");
        nested.FieldPath.ShouldContain("diagnoses");
        nested.Message.ShouldContain("U+202D");
    }

    [Fact]
    public void The_json_modifier_keeps_line_breaks_in_text_legitimate_scripts_and_any_password()
    {
        var sample = JsonSerializer.Deserialize<Sample>(
            """{"name":"محمد 👩‍⚕️","body":"line one\r\nline two\ttabbed","password":"p\u202Ess\u0001","tags":["דוד"],"translations":{"ru":"Анна\nПетрова"}}""",
            Options).ShouldNotBeNull();
        sample.Name.ShouldBe("محمد 👩‍⚕️");
        sample.Body.ShouldBe("line one\r\nline two\ttabbed");
        sample.Password.ShouldBe("p\u202Ess\u0001");
    }

    [Fact]
    public void A_document_read_by_another_parser_is_searched_everywhere()
    {
        UserTextJson.FindInDocument("""{"resourceType":"Bundle","entry":[{"resource":{"name":[{"family":"Lee"}]}}]}""").ShouldBeNull();
        var found = UserTextJson.FindInDocument("""{"resourceType":"Bundle","entry":[{"resource":{"name":[{"family":"L\u202Eee"}]}}]}""").ShouldNotBeNull();
        found.Path.ShouldBe("$.entry[0].resource.name[0].family");
        found.Problem.Fault.ShouldBe(TextFault.BidiControl);
        UserTextJson.FindInDocument("""{"a":"\ud800"}""").ShouldNotBeNull().Problem.Fault.ShouldBe(TextFault.UnpairedSurrogate);
        UserTextJson.FindInDocument("not json").ShouldBeNull();
    }

    [Fact]
    public void The_host_answers_a_refusal_as_400_with_its_code_and_keeps_the_database_backstop_for_nul()
    {
        var refused = Refused("""{"name":"Dr \u202Eevil","password":"x"}""");
        var (status, code, detail) = Telemed.Host.Platform.ErrorHandling.Classify(new Microsoft.AspNetCore.Http.BadHttpRequestException("body", refused));
        (status, code).ShouldBe((400, "request.invalid_characters"));
        detail.ShouldContain("\"name\"");
        detail.ShouldNotContain("evil");
        Telemed.Host.Platform.ErrorHandling.Classify(refused).Status.ShouldBe(400);
        // PostgreSQL's own refusal of NUL (22021) stays a 400 for any path that skips the rule.
        Telemed.Host.Platform.ErrorHandling.Classify(new Npgsql.PostgresException("invalid byte sequence", "ERROR", "ERROR", "22021"))
            .ShouldBe((400, "request.invalid", "Text may not contain NUL or other characters that cannot be stored."));
    }

    [Theory]
    [InlineData("Anna Petrova")]
    [InlineData("Анна Петрова")]
    [InlineData("👩‍⚕️ Dr Who")]
    [InlineData("O'Brien-Smith, Jr.")]
    public void Left_to_right_text_put_into_a_server_sentence_stays_as_it_is(string text) =>
        UserText.Isolate(text).ShouldBe(text);

    [Theory]
    [InlineData("د. سارة")]                                 // Arabic
    [InlineData("דוד כהן")]                                 // Hebrew
    [InlineData("Sara \u200F")]                             // a right-to-left mark
    [InlineData("Evil\u202Eeman")]                          // an override stored before the rule refused it
    [InlineData("ﷺ")]                                       // Arabic presentation form
    public void Text_that_can_turn_the_sentence_around_it_is_isolated(string text) =>
        UserText.Isolate(text).ShouldBe("\u2068" + text + "\u2069");

    [Fact]
    public void No_text_is_empty() => UserText.Isolate(null).ShouldBe("");
}
