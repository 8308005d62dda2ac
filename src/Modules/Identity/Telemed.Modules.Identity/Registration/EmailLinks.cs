using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Telemed.BuildingBlocks.Http;

namespace Telemed.Modules.Identity.Registration;

/// <summary>
/// Links in e-mails carry one opaque token (user id and Identity token packed together, nothing
/// readable), never an e-mail address or a name.
/// </summary>
internal sealed class EmailLinks(PublicUrls urls)
{
    public string BaseUrl => urls.BaseUrl;

    public string Link(string path, Guid userId, string identityToken) =>
        urls.To($"{path}?token={Pack(userId, identityToken)}");

    public static string Pack(Guid userId, string identityToken) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{userId:N}:{identityToken}"));

    public static (Guid UserId, string IdentityToken)? Unpack(string? token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token ?? ""));
            var separator = text.IndexOf(':', StringComparison.Ordinal);
            return separator > 0 && Guid.TryParseExact(text[..separator], "N", out var id) ? (id, text[(separator + 1)..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>Account e-mails in English and Russian; they never mention health matters.</summary>
internal static class AccountEmails
{
    public static (string Subject, string Body) Verify(string language, string link) => language == "ru"
        ? ("Подтвердите адрес электронной почты — Telemed", $"Здравствуйте!\n\nЧтобы завершить регистрацию в Telemed, откройте ссылку:\n{link}\n\nЕсли вы не регистрировались, просто проигнорируйте это письмо.")
        : ("Confirm your e-mail address — Telemed", $"Hello,\n\nTo finish creating your Telemed account, open this link:\n{link}\n\nIf you did not sign up, ignore this e-mail.");

    public static (string Subject, string Body) AlreadyRegistered(string language, string link) => language == "ru"
        ? ("Вы уже зарегистрированы в Telemed", $"Кто-то (возможно, вы) попытался снова зарегистрироваться с этим адресом. Если вы забыли пароль, восстановите его:\n{link}")
        : ("You already have a Telemed account", $"Someone (perhaps you) tried to sign up again with this address. If you forgot your password, reset it here:\n{link}");

    public static (string Subject, string Body) ResetPassword(string language, string link) => language == "ru"
        ? ("Сброс пароля — Telemed", $"Чтобы задать новый пароль, откройте ссылку (действует 24 часа):\n{link}\n\nЕсли вы не запрашивали сброс, проигнорируйте это письмо.")
        : ("Reset your password — Telemed", $"To choose a new password, open this link (valid for 24 hours):\n{link}\n\nIf you did not ask for this, ignore this e-mail.");

    public static (string Subject, string Body) Welcome(string language, string link) => language == "ru"
        ? ("Ваш аккаунт в Telemed", $"Клиника создала для вас аккаунт в Telemed. Чтобы задать пароль и войти, откройте ссылку (действует 24 часа):\n{link}\n\nЕсли ссылка устарела, воспользуйтесь «Забыли пароль?» на странице входа.")
        : ("Your Telemed account", $"Your clinic has created a Telemed account for you. To choose a password and sign in, open this link (valid for 24 hours):\n{link}\n\nIf the link has expired, use \"Forgot password?\" on the sign-in page.");

    public static (string Subject, string Body) Invitation(string language, string role, string link) => language == "ru"
        ? ("Приглашение в Telemed", $"Вас пригласили в Telemed (роль: {role}). Чтобы создать пароль и настроить двухфакторную аутентификацию, откройте ссылку (действует 72 часа):\n{link}")
        : ("You are invited to Telemed", $"You have been invited to Telemed as {role}. To choose a password and set up two-factor authentication, open this link (valid for 72 hours):\n{link}");
}
