using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Modules;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.Modules.Notifications;
using Telemed.Modules.Notifications.Contracts;
using Telemed.Modules.Notifications.Email;
using Telemed.Modules.Notifications.Sms;

namespace Telemed.IntegrationTests.Scenarios;

/// <summary>One host with e-mail going to a real SMTP server and SMS to a fake Twilio; the database does not matter here.</summary>
public sealed class NotificationChannelsFixture : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; } = new();
    public FakeTwilioServer Twilio { get; } = new();
    public TelemedHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Smtp.InitializeAsync(), Twilio.InitializeAsync());
        var settings = Smtp.HostSettings(fromName: "Телемед — клиника")
            .Concat(Twilio.HostSettings(baseDelayMilliseconds: 50))
            .ToDictionary(s => s.Key, s => s.Value);
        Host = new TelemedHost(DatabaseProvider.Sqlite, settings);
        await Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Twilio.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class NotificationChannelsScenarios(NotificationChannelsFixture fixture) : IClassFixture<NotificationChannelsFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private TelemedHost Host => fixture.Host;

    [Fact]
    public async Task Given_SMTP_When_an_email_in_Russian_is_sent_Then_the_SMTP_server_receives_it_intact_and_the_log_names_neither_recipient_nor_content()
    {
        var to = Unique("ivan.petrov");
        const string subject = "Напоминание о приёме: завтра в 10:00";
        const string body = "Здравствуйте, Иван Петрович!\nВаш приём у врача Анны Петровой — завтра в 10:00.\nЁлка, щука, «кавычки» и эмодзи 🩺.";

        await SendEmailAsync(to, subject, body);

        var mail = await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(to), Patience);
        mail.To.ShouldBe([to]);
        mail.Subject.ShouldBe(subject);
        mail.Text.ReplaceLineEndings("\n").TrimEnd('\n').ShouldBe(body);
        mail.ContentType.ShouldBe("text/plain");
        mail.From.ShouldBe("Телемед — клиника <no-reply@telemed.test>");
        mail.MailFrom.ShouldBe("no-reply@telemed.test");
        mail.MessageId.ShouldMatch(@"^<[0-9a-f]{32}@telemed\.test>$");
        mail.Raw.ShouldNotContain("Иван", customMessage: "headers and body travel encoded (RFC 2047, base64), not as raw 8-bit text");

        ShouldNotBeLogged(to, subject, body, "Иван Петрович");
        Host.Logs.ShouldContain(l => l.Contains(mail.MessageId, StringComparison.Ordinal), "the delivery is logged by its Message-ID");
    }

    [Fact]
    public async Task Given_SMTP_When_an_email_with_an_ics_attachment_is_sent_Then_the_recipient_gets_the_text_and_the_calendar_file_intact()
    {
        var to = Unique("calendar");
        const string calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Telemed//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:visit-1@telemed.test\r\n" +
            "DTSTART:20270115T100000Z\r\nDTEND:20270115T103000Z\r\nSUMMARY:Приём у врача\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var message = new EmailMessage(to, "Запись подтверждена", "Ваш приём: 15 января, 10:00.",
            [new EmailAttachment("appointment.ics", "text/calendar; method=REQUEST; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(calendar))]);

        await using (var scope = Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<INotificationSender>().SendEmailAsync(message).WaitAsync(Patience);
        }

        var mail = await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(to), Patience);
        mail.ContentType.ShouldBe("multipart/mixed");
        mail.Text.ReplaceLineEndings("\n").TrimEnd('\n').ShouldBe("Ваш приём: 15 января, 10:00.");
        var attachment = mail.Attachments.ShouldHaveSingleItem();
        attachment.FileName.ShouldBe("appointment.ics");
        attachment.ContentType.ShouldStartWith("text/calendar");
        attachment.ContentType.ShouldMatch("method=\"?REQUEST\"?");
        System.Text.Encoding.UTF8.GetString(attachment.Content).ShouldBe(calendar);
        ShouldNotBeLogged(to, "Приём у врача");
    }

    [Fact]
    public async Task Given_the_SMTP_server_answers_450_mailbox_busy_once_When_an_email_is_sent_Then_it_is_retried_and_delivered()
    {
        var to = Unique("busy");
        fixture.Smtp.RejectRecipient(to, 450, times: 1);

        await SendEmailAsync(to, "Код подтверждения", "Ваш код: 482913");

        var mail = await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(to), Patience);
        mail.Text.ShouldContain("482913");
        fixture.Smtp.Rejections.Count(r => r.Recipient == to).ShouldBe(1);
        Host.Logs.ShouldContain(l => l.Contains("attempt 1 of 4", StringComparison.Ordinal) && l.Contains("MailboxBusy", StringComparison.Ordinal));
        ShouldNotBeLogged(to, "482913");
    }

    [Fact]
    public async Task Given_SMTP_When_three_emails_are_sent_one_after_another_Then_one_kept_connection_carries_them_all()
    {
        var recipients = Enumerable.Range(1, 3).Select(i => Unique($"kept{i}")).ToList();

        foreach (var to in recipients)
        {
            await SendEmailAsync(to, "Напоминание", "Приём завтра в 10:00");
        }

        var peers = new List<string>();
        foreach (var to in recipients)
        {
            peers.Add((await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(to), Patience)).Peer);
        }

        peers.ShouldAllBe(p => p.Length > 0);
        peers.Distinct().Count().ShouldBe(1, "each message opened a connection of its own");
    }

    [Fact]
    public async Task Given_a_kept_connection_When_the_SMTP_server_restarts_Then_the_next_email_goes_out_on_a_fresh_connection_without_a_failed_attempt()
    {
        var before = Unique("before");
        await SendEmailAsync(before, "Напоминание", "Приём завтра в 10:00");
        var kept = (await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(before), Patience)).Peer;

        await fixture.Smtp.RestartAsync();
        var after = Unique("after");
        await SendEmailAsync(after, "Напоминание", "Приём завтра в 11:00");

        var mail = await fixture.Smtp.WaitForMessageAsync(m => m.To.Contains(after), Patience);
        mail.Peer.ShouldNotBe(kept);
        Host.Logs.ShouldNotContain(l => l.Contains("attempt 1 of", StringComparison.Ordinal) && l.Contains(mail.MessageId.Trim('<', '>'), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_the_SMTP_server_rejects_the_recipient_with_550_When_an_email_is_sent_Then_it_fails_at_once_as_permanent_without_naming_the_recipient()
    {
        var to = Unique("gone");
        fixture.Smtp.RejectRecipient(to, 550, times: -1, replyText: $"5.1.1 <{to}>: Recipient address rejected: User unknown");

        var error = await Should.ThrowAsync<NotificationDeliveryException>(() => SendEmailAsync(to, "Счёт за консультацию", "Сумма: 2500 ₽"));

        error.Channel.ShouldBe(NotificationChannel.Email);
        error.Provider.ShouldBe("smtp");
        error.IsPermanent.ShouldBeTrue();
        error.ErrorCode.ShouldBe(550);
        error.ToString().ShouldNotContain(to);
        fixture.Smtp.Rejections.Count(r => r.Recipient == to).ShouldBe(1, "a permanent rejection is not retried");
        fixture.Smtp.Messages.ShouldNotContain(m => m.To.Contains(to));
        ShouldNotBeLogged(to, "2500 ₽");
    }

    [Fact]
    public async Task Given_Twilio_answers_429_then_503_When_an_SMS_is_sent_Then_it_is_retried_honouring_Retry_After_and_delivered_on_the_third_request()
    {
        const string phone = "+79161234567";
        const string body = "Telemed: приём у врача завтра в 10:00. Код входа 731905";
        var twilio = fixture.Twilio;
        twilio.Reset();
        twilio.Enqueue(FakeTwilioResponse.TooManyRequests(retryAfterSeconds: 1), FakeTwilioResponse.ServiceUnavailable());

        var watch = Stopwatch.StartNew();
        await SendSmsAsync(phone, body);
        watch.Stop();

        var requests = twilio.Requests;
        requests.Select(r => r.ResponseStatus).ShouldBe([429, 503, 201]);
        foreach (var request in requests)
        {
            request.Method.ShouldBe("POST");
            request.Path.ShouldBe($"/2010-04-01/Accounts/{FakeTwilioServer.DefaultAccountSid}/Messages.json");
            request.ContentType.ShouldNotBeNull().ShouldStartWith("application/x-www-form-urlencoded");
            request.BasicCredentials.ShouldBe((FakeTwilioServer.DefaultAccountSid, FakeTwilioServer.DefaultAuthToken));
            request.Form["To"].ShouldBe(phone);
            request.Form["From"].ShouldBe(FakeTwilioServer.DefaultFrom);
            request.Form["Body"].ShouldBe(body);
            request.Form.ContainsKey("MessagingServiceSid").ShouldBeFalse();
        }

        (requests[1].ReceivedAt - requests[0].ReceivedAt).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950), "Retry-After: 1 is honoured");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        var sid = requests[2].MessageSid.ShouldNotBeNull();
        Host.Logs.ShouldContain(l => l.Contains(sid, StringComparison.Ordinal), "the accepted message is logged by its SID");
        ShouldNotBeLogged(phone, "79161234567", body, "731905", FakeTwilioServer.DefaultAuthToken);
    }

    [Fact]
    public async Task Given_Twilio_refuses_the_number_with_400_When_an_SMS_is_sent_Then_it_is_not_retried_and_the_error_carries_code_21211_but_not_the_number()
    {
        const string phone = "+7916000111";
        const string body = "Ваш код: 550173";
        var twilio = fixture.Twilio;
        twilio.Reset();
        twilio.Enqueue(FakeTwilioResponse.InvalidToNumber(phone));

        var error = await Should.ThrowAsync<NotificationDeliveryException>(() => SendSmsAsync(phone, body));

        twilio.Requests.Count.ShouldBe(1);
        error.Channel.ShouldBe(NotificationChannel.Sms);
        error.Provider.ShouldBe("twilio");
        error.ErrorCode.ShouldBe(21211);
        error.StatusCode.ShouldBe(400);
        error.IsPermanent.ShouldBeTrue();
        error.MoreInfo.ShouldBe("https://www.twilio.com/docs/errors/21211");
        error.Message.ShouldContain("21211");
        error.ToString().ShouldNotContain("7916000111");
        error.ToString().ShouldNotContain("550173");
        ShouldNotBeLogged("7916000111", body, "550173");
    }

    [Fact]
    public async Task Given_Twilio_keeps_answering_503_When_an_SMS_is_sent_Then_it_gives_up_after_MaxAttempts_with_a_transient_error()
    {
        var twilio = fixture.Twilio;
        twilio.Reset();
        twilio.Enqueue(Enumerable.Range(0, 4).Select(_ => FakeTwilioResponse.ServiceUnavailable()).ToArray());

        var error = await Should.ThrowAsync<NotificationDeliveryException>(() => SendSmsAsync("+447700900123", "Reminder: 10:00 tomorrow"));

        twilio.Requests.Count.ShouldBe(4);
        error.IsPermanent.ShouldBeFalse();
        error.StatusCode.ShouldBe(503);
        error.ErrorCode.ShouldBe(20503);
        ShouldNotBeLogged("7700900123", "Reminder: 10:00 tomorrow");
    }

    private static string Unique(string name) => $"{name}.{Guid.NewGuid():N}@example.test";

    private async Task SendEmailAsync(string to, string subject, string body)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<INotificationSender>().SendEmailAsync(to, subject, body).WaitAsync(Patience);
    }

    private async Task SendSmsAsync(string to, string body)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<INotificationSender>().SendSmsAsync(to, body).WaitAsync(Patience);
    }

    /// <summary>
    /// None of <paramref name="secrets"/> is in the host's log. A secret of digits only (a code, a phone number without its +)
    /// counts as a number of its own, not as a run of digits inside a longer one: the log's ids, keys and instants are full of
    /// digits, and a 4-digit amount once turned up as a group of a GUID there (a GUID's 8- and 12-character groups put hex
    /// digits around a 6-digit code; its 4-character groups can equal a 4-digit one, so such secrets carry their unit).
    /// </summary>
    private void ShouldNotBeLogged(params string[] secrets)
    {
        Host.Logs.Count.ShouldBeGreaterThan(0);
        var log = string.Join('\n', Host.Logs);
        foreach (var secret in secrets)
        {
            if (secret.All(char.IsAsciiDigit))
            {
                var alone = System.Text.RegularExpressions.Regex.Match(log, $"(?<![0-9A-Za-z]){secret}(?![0-9A-Za-z])");
                alone.Success.ShouldBeFalse($"the log contains '{secret}': …{log.Substring(Math.Max(0, alone.Index - 80), Math.Min(log.Length - Math.Max(0, alone.Index - 80), 160))}…");
            }
            else
            {
                log.ShouldNotContain(secret, customMessage: $"the log contains '{secret}'");
            }
        }
    }
}

/// <summary>Start-up validation of the channel settings: no host needed.</summary>
public sealed class NotificationChannelsConfigurationScenarios
{
    [Fact]
    public void Given_a_provider_chosen_without_its_settings_Then_start_up_validation_names_each_missing_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:Email:Provider"] = "Smtp",
            ["Notifications:Email:From"] = "no-reply@telemed.test",
            ["Notifications:Sms:Provider"] = "Twilio",
            ["Notifications:Sms:AccountSid"] = FakeTwilioServer.DefaultAccountSid,
        }).Build();
        using var services = Services(configuration, "Development");

        // IStartupValidator is what the host runs on start for ValidateOnStart options.
        var error = Should.Throw<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        var messages = Flatten(error);
        messages.ShouldContain("Notifications:Email:Host is required when Notifications:Email:Provider is Smtp.");
        messages.ShouldContain("Notifications:Sms:AuthToken is required when Notifications:Sms:Provider is Twilio.");
        messages.ShouldContain("Notifications:Sms:From or Notifications:Sms:MessagingServiceSid is required when Notifications:Sms:Provider is Twilio.");
        messages.ShouldNotContain("Notifications:Email:From");
    }

    [Fact]
    public void Given_the_default_configuration_in_Development_Then_start_up_validation_passes_and_both_channels_use_the_development_outbox()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = Services(configuration, "Development");

        services.GetRequiredService<IStartupValidator>().Validate();
        services.GetRequiredService<IOptions<EmailOptions>>().Value.Provider.ShouldBe(EmailProvider.Outbox);
        services.GetRequiredService<IOptions<SmsOptions>>().Value.Provider.ShouldBe(SmsProvider.Outbox);
    }

    [Fact]
    public void Given_an_unknown_provider_Then_start_up_fails_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Notifications:Email:Provider"] = "Sendgrid" }).Build();
        using var services = Services(configuration, "Development");

        var error = Should.Throw<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Flatten(error).ShouldContain("Notifications:Email:Provider");
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Given_the_default_configuration_outside_Development_Then_start_up_validation_refuses_both_outbox_channels_naming_the_settings(string environment)
    {
        using var services = Services(new ConfigurationBuilder().Build(), environment);

        var messages = Flatten(Should.Throw<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate()));

        messages.ShouldContain($"Notifications:Email:Provider is Outbox (the development outbox, the default) in the {environment} environment");
        messages.ShouldContain("Notifications:Email:Provider=Smtp (with Notifications:Email:Host and Notifications:Email:From)");
        messages.ShouldContain($"Notifications:Sms:Provider is Outbox (the development outbox, the default) in the {environment} environment");
        messages.ShouldContain("Notifications:Sms:Provider=Twilio");
        messages.ShouldContain("Notifications:AllowOutboxOutsideDevelopment=true");
    }

    [Fact]
    public void Given_the_operator_opted_in_outside_Development_Then_start_up_validation_passes_with_the_outbox()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Notifications:AllowOutboxOutsideDevelopment"] = "true" }).Build();
        using var services = Services(configuration, "Production");

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    private static ServiceProvider Services(IConfiguration configuration, string environment) => new ServiceCollection()
        .AddSingleton(configuration)
        .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment, ApplicationName = "Telemed.Host", ContentRootPath = AppContext.BaseDirectory })
        .AddLogging().AddModule(new NotificationsModule(), configuration).BuildServiceProvider();

    private static string Flatten(Exception error) => error switch
    {
        AggregateException aggregate => string.Join('\n', aggregate.InnerExceptions.Select(Flatten)),
        OptionsValidationException validation => string.Join('\n', validation.Failures),
        _ => error.Message,
    };
}
