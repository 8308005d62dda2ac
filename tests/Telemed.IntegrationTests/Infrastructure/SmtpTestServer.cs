using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Telemed.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd (<c>apt-get install -y python3-aiosmtpd</c>, done by scripts/test.sh)
/// on 127.0.0.1 and a free port, with a small handler that saves every accepted message to a folder. Python's own
/// e-mail parser decodes each message (RFC 2047 headers, quoted-printable/base64 bodies, charsets), so a test sees
/// what a standards-following mail client would show.
/// <para>Use it as a fixture (<c>IClassFixture&lt;SmtpTestServer&gt;</c>) or start it from your own fixture, then point the
/// host at it with <see cref="HostSettings"/> (the <c>Notifications:Email:*</c> keys, Provider=Smtp):</para>
/// <code>
/// var smtp = new SmtpTestServer();
/// await smtp.InitializeAsync();
/// var host = new TelemedHost(DatabaseProvider.Sqlite, smtp.HostSettings());
/// await host.InitializeAsync();
/// // ... act ...
/// var mail = await smtp.WaitForMessageAsync(m => m.To.Contains("ivan@example.test"), TimeSpan.FromSeconds(10));
/// mail.Subject.ShouldBe("Напоминание о приёме");
/// </code>
/// <para>Messages arrive from everything the host sends: filter by recipient in <see cref="WaitForMessageAsync"/>.
/// <see cref="RejectRecipient"/> makes the server refuse a recipient (e.g. 450 once, to see a retry; 550 always).
/// The server process is killed on <see cref="DisposeAsync"/>.</para>
/// </summary>
public sealed class SmtpTestServer : IAsyncLifetime
{
    /// <summary>The Python interpreter with Debian's aiosmtpd (the first python3 on PATH may be another one).</summary>
    public const string Python = "/usr/bin/python3";

    private const string HandlerModule = "telemed_smtp_capture";
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "telemed-smtp-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly ConcurrentDictionary<string, ReceivedEmail> _parsed = new(StringComparer.Ordinal);
    private readonly List<Rule> _rules = [];
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>
    /// How long the server takes to accept each message's data (as a slow relay does) before it saves the message and answers
    /// 250; zero by default.
    /// </summary>
    public TimeSpan DataDelay { get; init; }

    public string Host { get; } = "127.0.0.1";
    public int Port { get; private set; }

    /// <summary>The folder the server writes <c>message-NNNNNN.json</c> (and <c>rejection-NNNNNN.json</c>) files to.</summary>
    public string MessageDirectory => Path.Combine(_root, "mail");

    /// <summary>Every message accepted so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedEmail> Messages => Read("message-", file => _parsed.GetOrAdd(file, f => Parse(f)));

    /// <summary>Every RCPT the server refused because of <see cref="RejectRecipient"/>, in order.</summary>
    public IReadOnlyList<SmtpRejection> Rejections => Read("rejection-", file => JsonSerializer.Deserialize<SmtpRejection>(File.ReadAllText(file), Json)!);

    public async Task InitializeAsync()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing. Run scripts/test.sh, which installs python3-aiosmtpd, or apt-get install -y python3-aiosmtpd.");
        }

        Directory.CreateDirectory(MessageDirectory);
        await File.WriteAllTextAsync(Path.Combine(_root, HandlerModule + ".py"), HandlerSource);
        WriteRules();

        // A free port can be taken between asking and binding: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = LoopbackPorts.Free();
            StartProcess();
            if (await WaitUntilListeningAsync(TimeSpan.FromSeconds(15)))
            {
                return;
            }

            Kill();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"aiosmtpd did not start on {Host}:{Port}: {Output}");
            }
        }
    }

    /// <summary>
    /// Stops the server process and starts a new one on the same port, as a relay restarting would: every connection a
    /// client kept open is dropped.
    /// </summary>
    public async Task RestartAsync()
    {
        Kill();
        StartProcess();
        if (!await WaitUntilListeningAsync(TimeSpan.FromSeconds(15)))
        {
            throw new InvalidOperationException($"aiosmtpd did not start again on {Host}:{Port}: {Output}");
        }
    }

    public Task DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Settings that make <see cref="TelemedHost"/> send e-mail here: <c>Notifications:Email:Provider=Smtp</c>,
    /// <c>Host</c>, <c>Port</c>, <c>From</c>, <c>FromName</c>, and a short <c>BaseDelayMilliseconds</c> so retries stay fast.
    /// </summary>
    public Dictionary<string, string?> HostSettings(string from = "no-reply@telemed.test", string? fromName = "Telemed", int baseDelayMilliseconds = 20) => new()
    {
        ["Notifications:Email:Provider"] = "Smtp",
        ["Notifications:Email:Host"] = Host,
        ["Notifications:Email:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications:Email:From"] = from,
        ["Notifications:Email:FromName"] = fromName,
        ["Notifications:Email:BaseDelayMilliseconds"] = baseDelayMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Refuse RCPT TO for <paramref name="address"/> (case-insensitive) with <paramref name="replyCode"/>, the next
    /// <paramref name="times"/> times (a negative number: always). 4xx codes are transient for a client, 5xx permanent.
    /// </summary>
    public void RejectRecipient(string address, int replyCode, int times = 1, string? replyText = null)
    {
        lock (_rules)
        {
            _rules.Add(new Rule(Guid.NewGuid().ToString("N"), address, $"{replyCode} {replyText ?? DefaultText(replyCode)}", times));
            WriteRules();
        }
    }

    /// <summary>Forget every <see cref="RejectRecipient"/> rule.</summary>
    public void ClearRejections()
    {
        lock (_rules)
        {
            _rules.Clear();
            WriteRules();
        }
    }

    /// <summary>The first message (already received or arriving within <paramref name="timeout"/>) that matches.</summary>
    public async Task<ReceivedEmail> WaitForMessageAsync(Func<ReceivedEmail, bool> predicate, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var found = Messages.FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            if (watch.Elapsed > timeout)
            {
                var seen = string.Join("; ", Messages.Select(m => $"to {string.Join(',', m.To)}: {m.Subject}"));
                throw new TimeoutException($"No matching e-mail within {timeout}. Received {Messages.Count}: {seen}. Server output: {Output}");
            }

            await Task.Delay(50);
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private IReadOnlyList<T> Read<T>(string prefix, Func<string, T> load) =>
        Directory.Exists(MessageDirectory)
            ? Directory.GetFiles(MessageDirectory, prefix + "*.json").Order(StringComparer.Ordinal).Select(load).ToList()
            : [];

    private static ReceivedEmail Parse(string file)
    {
        var saved = JsonSerializer.Deserialize<SavedMessage>(File.ReadAllText(file, Encoding.UTF8), Json)!;
        return new ReceivedEmail(saved.MailFrom ?? "", saved.Recipients ?? [], saved.Subject ?? "", saved.From ?? "", saved.MessageId ?? "",
            saved.ContentType ?? "", saved.Text ?? "", (saved.Headers ?? []).Select(h => new KeyValuePair<string, string>(h[0], h[1])).ToList(), saved.Raw ?? "")
        {
            Attachments = [.. (saved.Attachments ?? []).Select(a => new ReceivedAttachment(a.FileName ?? "", a.ContentType ?? "", Convert.FromBase64String(a.Content ?? "")))],
            Peer = saved.Peer ?? "",
        };
    }

    private void StartProcess()
    {
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port}", "-c", $"{HandlerModule}.CaptureHandler", MessageDirectory })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PYTHONPATH"] = _root;
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        info.Environment["PYTHONUNBUFFERED"] = "1";
        info.Environment["TELEMED_SMTP_DATA_DELAY_MS"] = ((int)DataDelay.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task<bool> WaitUntilListeningAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process is null || _process.HasExited)
            {
                return false;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                // A real SMTP server greets first: wait for the 220 so the handler is surely loaded.
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                var greeting = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
                if (greeting?.StartsWith("220", StringComparison.Ordinal) == true)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is SocketException or IOException or TimeoutException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        return false;
    }

    private void Kill()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _process = null;
    }

    private void WriteRules()
    {
        var path = Path.Combine(_root, "rules.json");
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(_rules.Select(r => new { id = r.Id, recipient = r.Recipient, reply = r.Reply, times = r.Times })));
        File.Move(temp, path, overwrite: true);
    }

    private static string DefaultText(int code) => code switch
    {
        421 => "Service not available, closing transmission channel",
        450 => "Requested mail action not taken: mailbox unavailable (busy)",
        451 => "Requested action aborted: local error in processing",
        452 => "Requested action not taken: insufficient system storage",
        550 => "Requested action not taken: mailbox unavailable",
        553 => "Requested action not taken: mailbox name not allowed",
        _ => "Rejected by the test server",
    };

    private sealed record Rule(string Id, string Recipient, string Reply, int Times);

    private sealed class SavedMessage
    {
        public string? MailFrom { get; set; }
        public string? Peer { get; set; }
        public List<string>? Recipients { get; set; }
        public string? Subject { get; set; }
        public string? From { get; set; }
        public string? MessageId { get; set; }
        public string? ContentType { get; set; }
        public string? Text { get; set; }
        public List<string[]>? Headers { get; set; }
        public string? Raw { get; set; }
        public List<SavedAttachment>? Attachments { get; set; }
    }

    private sealed class SavedAttachment
    {
        public string? FileName { get; set; }
        public string? ContentType { get; set; }
        public string? Content { get; set; }
    }

    private const string HandlerSource = """
        # aiosmtpd handler written by SmtpTestServer: saves accepted messages as JSON, refuses recipients by rules.json.
        import asyncio
        import base64
        import email
        import email.header
        import email.policy
        import itertools
        import json
        import os
        import re

        class CaptureHandler:
            def __init__(self, folder):
                self.folder = folder
                self.rules_path = os.path.join(os.path.dirname(folder), "rules.json")
                self.numbers = itertools.count(1)
                self.used = {}

            @classmethod
            def from_cli(cls, parser, *args):
                if len(args) != 1:
                    parser.error("CaptureHandler takes the folder to save messages in")
                return cls(args[0])

            def _rules(self):
                try:
                    with open(self.rules_path, encoding="utf-8") as f:
                        return json.load(f)
                except FileNotFoundError:
                    return []

            @staticmethod
            def _decoded(value):
                # The legacy decoder follows RFC 2047 6.2 (white space between adjacent encoded-words is dropped), which
                # the newer header parser gets wrong for display names; so headers are decoded from their raw text.
                # Unfolding: a line break and the white space after it read as one space, as a mail client shows it
                # (MailKit folds long headers with a tab, System.Net.Mail did not fold at all).
                text = re.sub(r"\r?\n[ \t]+", " ", str(value)).replace("\r", "").replace("\n", "")
                try:
                    return str(email.header.make_header(email.header.decode_header(text)))
                except Exception:
                    return text

            def _save(self, prefix, record):
                # The process id keeps a restarted server (RestartAsync) from overwriting what the one before saved.
                name = "%s%06d-%d" % (prefix, next(self.numbers), os.getpid())
                temp = os.path.join(self.folder, name + ".tmp")
                with open(temp, "w", encoding="utf-8") as f:
                    json.dump(record, f, ensure_ascii=False)
                os.replace(temp, os.path.join(self.folder, name + ".json"))

            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                for rule in self._rules():
                    if rule["recipient"].lower() != address.lower():
                        continue
                    used = self.used.get(rule["id"], 0)
                    if rule["times"] < 0 or used < rule["times"]:
                        self.used[rule["id"]] = used + 1
                        self._save("rejection-", {"recipient": address, "reply": rule["reply"]})
                        return rule["reply"]
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                delay = int(os.environ.get("TELEMED_SMTP_DATA_DELAY_MS", "0"))
                if delay > 0:
                    await asyncio.sleep(delay / 1000)
                raw = envelope.original_content or envelope.content
                if isinstance(raw, str):
                    raw = raw.encode("utf-8", "surrogateescape")
                message = email.message_from_bytes(raw, policy=email.policy.default)
                headers = email.message_from_bytes(raw, policy=email.policy.compat32)
                body = message.get_body(preferencelist=("plain",))
                self._save("message-", {
                    "peer": "%s:%s" % tuple(session.peer[:2]),
                    "mailFrom": envelope.mail_from,
                    "recipients": list(envelope.rcpt_tos),
                    "subject": self._decoded(headers.get("Subject", "")),
                    "from": self._decoded(headers.get("From", "")),
                    "messageId": self._decoded(headers.get("Message-ID", "")),
                    "contentType": message.get_content_type(),
                    "text": body.get_content() if body is not None else "",
                    "headers": [[key, self._decoded(value)] for key, value in headers.items()],
                    "raw": raw.decode("utf-8", "replace"),
                    "attachments": [{
                        "fileName": part.get_filename(),
                        "contentType": str(part.get("Content-Type", "")),
                        "content": base64.b64encode(part.get_payload(decode=True) or b"").decode("ascii"),
                    } for part in message.iter_attachments()],
                })
                return "250 Message accepted for delivery"
        """;
}

/// <summary>A message the <see cref="SmtpTestServer"/> accepted, decoded.</summary>
/// <param name="MailFrom">The envelope sender (MAIL FROM).</param>
/// <param name="To">The envelope recipients (RCPT TO) the server accepted.</param>
/// <param name="Subject">The Subject header, RFC 2047 decoded.</param>
/// <param name="From">The From header, decoded (display name and address).</param>
/// <param name="MessageId">The Message-ID header.</param>
/// <param name="ContentType">The top-level content type, e.g. <c>text/plain</c>.</param>
/// <param name="Text">The text/plain body, transfer-decoded and charset-decoded.</param>
/// <param name="Headers">Every header, decoded, in order.</param>
/// <param name="Raw">The message as received (UTF-8, invalid bytes replaced).</param>
public sealed record ReceivedEmail(string MailFrom, IReadOnlyList<string> To, string Subject, string From, string MessageId, string ContentType,
    string Text, IReadOnlyList<KeyValuePair<string, string>> Headers, string Raw)
{
    /// <summary>The attached files, transfer-decoded, in order.</summary>
    public IReadOnlyList<ReceivedAttachment> Attachments { get; init; } = [];

    /// <summary>The client's address and port on the connection that carried the message (one per SMTP connection).</summary>
    public string Peer { get; init; } = "";

    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>A RCPT TO the <see cref="SmtpTestServer"/> refused, and the reply it gave.</summary>
public sealed record SmtpRejection(string Recipient, string Reply);

/// <summary>A file attached to a <see cref="ReceivedEmail"/>: its file name, the full Content-Type header, and its decoded bytes.</summary>
public sealed record ReceivedAttachment(string FileName, string ContentType, byte[] Content);
