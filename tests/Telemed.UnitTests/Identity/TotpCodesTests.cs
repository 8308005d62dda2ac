using Telemed.Modules.Identity.Mfa;

namespace Telemed.UnitTests.Identity;

public sealed class TotpCodesTests
{
    // RFC 6238 appendix B's SHA-1 key ("12345678901234567890"), in the Base32 form authenticator apps get.
    private const string RfcKey = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static readonly byte[] Key = TotpCodes.DecodeKey(RfcKey)!;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_111_111_109);

    private static string CodeAt(long stepOffset) => TotpCodes.CodeFor(Key, TotpCodes.StepAt(Now) + stepOffset);

    [Fact]
    public void Given_the_RFC_6238_test_vector_Then_the_six_digit_code_matches()
    {
        // RFC 6238 lists 07081804 (eight digits) for T = 1111111109; six digits are its last six.
        TotpCodes.CodeFor(Key, TotpCodes.StepAt(Now)).ShouldBe("081804");
    }

    [Fact]
    public void Given_a_code_of_the_current_step_and_none_used_yet_Then_it_is_accepted_for_that_step()
    {
        TotpCodes.AcceptedStep(Key, CodeAt(0), Now, lastUsedStep: null).ShouldBe(TotpCodes.StepAt(Now));
        TotpCodes.AcceptedStep(Key, CodeAt(0)[..3] + " " + CodeAt(0)[3..], Now, null).ShouldBe(TotpCodes.StepAt(Now));
    }

    [Fact]
    public void Given_a_code_whose_step_was_already_used_Then_it_is_refused_as_a_replay()
    {
        var step = TotpCodes.StepAt(Now);
        TotpCodes.AcceptedStep(Key, CodeAt(0), Now, lastUsedStep: step).ShouldBeNull();
        TotpCodes.AcceptedStep(Key, CodeAt(-1), Now, lastUsedStep: step).ShouldBeNull();
        TotpCodes.AcceptedStep(Key, CodeAt(1), Now, lastUsedStep: step).ShouldBe(step + 1);
    }

    [Fact]
    public void Given_codes_at_the_edges_of_the_drift_window_Then_two_steps_either_side_are_accepted_and_three_are_not()
    {
        TotpCodes.AcceptedStep(Key, CodeAt(-2), Now, null).ShouldNotBeNull();
        TotpCodes.AcceptedStep(Key, CodeAt(2), Now, null).ShouldNotBeNull();
        TotpCodes.AcceptedStep(Key, CodeAt(-3), Now, null).ShouldBeNull();
        TotpCodes.AcceptedStep(Key, CodeAt(3), Now, null).ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("１２３４５６")]
    public void Given_a_malformed_code_Then_it_is_refused(string? code) =>
        TotpCodes.AcceptedStep(Key, code, Now, null).ShouldBeNull();

    [Fact]
    public void Given_a_key_that_is_not_base32_Then_it_does_not_decode()
    {
        TotpCodes.DecodeKey("not base32!").ShouldBeNull();
        TotpCodes.DecodeKey(null).ShouldBeNull();
        TotpCodes.DecodeKey("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").ShouldBe(Key);
    }
}
