using Microsoft.AspNetCore.Identity;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.SignIn;

namespace Telemed.UnitTests.Identity;

public sealed class DecoyPasswordWorkTests
{
    /// <summary>The real hasher, counting what it is asked to do.</summary>
    private sealed class CountingHasher : IPasswordHasher<UserAccount>
    {
        private readonly PasswordHasher<UserAccount> real = new();

        public int Hashed { get; private set; }

        public int Verified { get; private set; }

        public string HashPassword(UserAccount user, string password)
        {
            Hashed++;
            return real.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(UserAccount user, string hashedPassword, string providedPassword)
        {
            Verified++;
            return real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public void Given_a_sign_in_with_no_account_When_the_decoy_runs_Then_the_hasher_verifies_a_password_as_for_a_real_account()
    {
        var hasher = new CountingHasher();

        DecoyPasswordWork.Verify(hasher, "Wrong-password-123");
        DecoyPasswordWork.Verify(hasher, "Another-password-456");

        hasher.Verified.ShouldBe(2, "each attempt costs one verification, as a real account's does");
        hasher.Hashed.ShouldBeLessThanOrEqualTo(1, "the decoy hash is made once per host, not per attempt");
    }

    [Fact]
    public void Given_a_sign_up_with_a_known_address_When_the_decoy_runs_Then_the_password_is_hashed_as_a_new_account_s_would_be()
    {
        var hasher = new CountingHasher();

        DecoyPasswordWork.Hash(hasher, "Correct-horse-battery");

        hasher.Hashed.ShouldBe(1);
    }
}
