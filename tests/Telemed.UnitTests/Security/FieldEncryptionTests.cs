using System.Security.Cryptography;
using Telemed.BuildingBlocks.Security;

namespace Telemed.UnitTests.Security;

public sealed class FieldEncryptionTests
{
    private static FieldEncryption WithKeys(string activeId, params string[] ids)
    {
        var encryption = new FieldEncryption();
        encryption.Load(ids.Select(id => KeyValuePair.Create(id, SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)))), activeId, new byte[32]);
        return encryption;
    }

    [Fact]
    public void Given_a_value_When_encrypted_Then_the_stored_form_names_the_key_and_hides_the_value()
    {
        var encryption = WithKeys("k1", "k1");
        var stored = encryption.Encrypt("Penicillin", "Patient.Allergies");

        stored.ShouldStartWith("v1.k1.");
        stored.ShouldNotContain("Penicillin");
        encryption.Decrypt(stored, "Patient.Allergies").ShouldBe("Penicillin");
    }

    [Fact]
    public void Given_the_same_value_twice_When_encrypted_Then_the_ciphertexts_differ()
    {
        var encryption = WithKeys("k1", "k1");
        encryption.Encrypt("same", "p").ShouldNotBe(encryption.Encrypt("same", "p"));
    }

    [Fact]
    public void Given_a_ciphertext_moved_to_another_column_When_decrypted_Then_it_fails()
    {
        var encryption = WithKeys("k1", "k1");
        var stored = encryption.Encrypt("Penicillin", "Patient.Allergies");
        Should.Throw<CryptographicException>(() => encryption.Decrypt(stored, "Patient.FamilyName"));
    }

    [Fact]
    public void Given_a_tampered_ciphertext_When_decrypted_Then_it_fails()
    {
        var encryption = WithKeys("k1", "k1");
        var stored = encryption.Encrypt("Penicillin", "p");
        var bytes = Convert.FromBase64String(stored.Split('.')[2]);
        bytes[^1] ^= 0x01;
        Should.Throw<CryptographicException>(() => encryption.Decrypt($"v1.k1.{Convert.ToBase64String(bytes)}", "p"));
    }

    [Fact]
    public void Given_a_rotated_key_When_old_values_are_read_Then_they_decrypt_and_new_values_use_the_new_key()
    {
        var before = WithKeys("k1", "k1");
        var old = before.Encrypt("Asthma", "p");
        var after = WithKeys("k2", "k1", "k2");

        after.Decrypt(old, "p").ShouldBe("Asthma");
        after.Encrypt("x", "p").ShouldStartWith("v1.k2.");
    }

    [Fact]
    public void Given_a_data_key_When_wrapped_with_a_master_key_Then_only_that_master_key_unwraps_it()
    {
        var master = RandomNumberGenerator.GetBytes(32);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = FieldEncryption.Wrap(master, dataKey, "dk-1");

        FieldEncryption.Unwrap(master, wrapped, "dk-1").ShouldBe(dataKey);
        Should.Throw<CryptographicException>(() => FieldEncryption.Unwrap(RandomNumberGenerator.GetBytes(32), wrapped, "dk-1"));
        Should.Throw<CryptographicException>(() => FieldEncryption.Unwrap(master, wrapped, "dk-2"));
    }

    [Fact]
    public void Given_equal_values_When_blind_indexed_Then_the_index_matches_and_differs_per_purpose()
    {
        var encryption = WithKeys("k1", "k1");
        encryption.BlindIndex("email", "A@B.C").ShouldBe(encryption.BlindIndex("email", "A@B.C"));
        encryption.BlindIndex("email", "A@B.C").ShouldNotBe(encryption.BlindIndex("phone", "A@B.C"));
    }
}
