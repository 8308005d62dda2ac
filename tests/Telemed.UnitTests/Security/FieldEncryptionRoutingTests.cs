using System.Security.Cryptography;
using Telemed.BuildingBlocks.Security;

namespace Telemed.UnitTests.Security;

/// <summary>
/// The encrypted columns' converters are shared by every host in a process; these are the rules that keep each host's
/// values under its own keys when several hosts (with different keys) run in one process, as the integration tests do.
/// </summary>
public sealed class FieldEncryptionRoutingTests
{
    private static FieldEncryption Host(out string keyId)
    {
        keyId = "dk-test-" + Guid.NewGuid().ToString("N");
        var encryption = new FieldEncryption();
        encryption.Load([KeyValuePair.Create(keyId, RandomNumberGenerator.GetBytes(32))], keyId, new byte[32]);
        return encryption;
    }

    [Fact]
    public async Task Given_two_hosts_When_a_flow_names_one_Then_new_values_are_encrypted_with_that_hosts_active_key()
    {
        var first = Host(out var firstKey);
        var second = Host(out var secondKey);

        var (fromFirst, fromSecond) = await Task.Run(async () =>
        {
            var a = await Task.Run(() =>
            {
                FieldEncryptionRouting.UseInThisFlow(first);
                return FieldEncryptionRouting.ForEncrypting().Encrypt("Penicillin", "Patient.Allergies");
            });
            var b = await Task.Run(() =>
            {
                FieldEncryptionRouting.UseInThisFlow(second);
                return FieldEncryptionRouting.ForEncrypting().Encrypt("Penicillin", "Patient.Allergies");
            });
            return (a, b);
        });

        FieldEncryption.KeyIdOf(fromFirst).ShouldBe(firstKey);
        FieldEncryption.KeyIdOf(fromSecond).ShouldBe(secondKey);
    }

    [Fact]
    public async Task Given_a_value_of_another_host_When_read_in_a_flow_named_for_this_one_Then_it_is_decrypted_with_the_key_it_names()
    {
        var writer = Host(out _);
        var reader = Host(out _);
        var stored = writer.Encrypt("Penicillin", "Patient.Allergies");

        var read = await Task.Run(() =>
        {
            FieldEncryptionRouting.UseInThisFlow(reader);
            return FieldEncryptionRouting.ForDecrypting(FieldEncryption.KeyIdOf(stored)).Decrypt(stored, "Patient.Allergies");
        });

        read.ShouldBe("Penicillin");
    }

    [Fact]
    public async Task Given_several_hosts_When_a_flow_names_none_Then_encrypting_is_refused_rather_than_guessed()
    {
        Host(out _);
        Host(out _);

        Task<InvalidOperationException> attempt;
        using (ExecutionContext.SuppressFlow())
        {
            // A flow with nothing in it, whatever the test runner's flow carries.
            attempt = Task.Run(() => Should.Throw<InvalidOperationException>(() => FieldEncryptionRouting.ForEncrypting()));
        }

        var refused = await attempt;

        refused.Message.ShouldContain("UseInThisFlow");
    }

    [Fact]
    public void Given_a_key_no_host_has_When_read_Then_it_fails_as_an_unavailable_key()
    {
        Host(out _);
        Should.Throw<CryptographicException>(() => FieldEncryptionRouting.ForDecrypting("dk-nobody-" + Guid.NewGuid().ToString("N")));
        Should.Throw<CryptographicException>(() => FieldEncryption.KeyIdOf("plain text"));
    }
}
