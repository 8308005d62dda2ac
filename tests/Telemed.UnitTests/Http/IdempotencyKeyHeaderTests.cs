using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Telemed.BuildingBlocks.Http;

namespace Telemed.UnitTests.Http;

/// <summary>The one reader of the <c>Idempotency-Key</c> header: one key, trimmed, at most 100 characters.</summary>
public sealed class IdempotencyKeyHeaderTests
{
    private static HttpRequest With(StringValues values)
    {
        var context = new DefaultHttpContext();
        if (values.Count > 0)
        {
            context.Request.Headers[IdempotencyKeyHeader.Name] = values;
        }

        return context.Request;
    }

    [Fact]
    public void Given_one_key_When_read_Then_it_is_the_key_trimmed()
    {
        IdempotencyKeyHeader.Read(With(" a1 ")).Value.ShouldBe("a1");
        IdempotencyKeyHeader.Read(With(new string('k', IdempotencyKeyHeader.MaxLength))).Value!.Length.ShouldBe(IdempotencyKeyHeader.MaxLength);
    }

    [Fact]
    public void Given_no_key_or_a_blank_one_When_read_Then_there_is_none()
    {
        IdempotencyKeyHeader.Read(With(StringValues.Empty)).IsSuccess.ShouldBeTrue();
        IdempotencyKeyHeader.Read(With(StringValues.Empty)).Value.ShouldBeNull();
        IdempotencyKeyHeader.Read(With("  ")).Value.ShouldBeNull();
    }

    [Theory]
    [InlineData("a1|a2")]          // two header lines
    [InlineData("a1|a1")]          // the same key twice is still two lines
    [InlineData("a1, a2")]         // folded into one line by a proxy
    [InlineData("a1,a2")]
    public void Given_more_than_one_key_When_read_Then_it_is_key_invalid(string lines)
    {
        var read = IdempotencyKeyHeader.Read(With(new StringValues(lines.Split('|'))));
        read.IsSuccess.ShouldBeFalse();
        read.Error!.Code.ShouldBe("idempotency.key_invalid");
        read.Error.ShouldBe(IdempotencyKeyHeader.NotOne);
    }

    [Fact]
    public void Given_a_key_over_100_characters_When_read_Then_it_is_key_invalid() =>
        IdempotencyKeyHeader.Read(With(new string('k', IdempotencyKeyHeader.MaxLength + 1))).Error.ShouldBe(IdempotencyKeyHeader.TooLong);
}
