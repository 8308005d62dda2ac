using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Telemed.CrashBench;

/// <summary>A booking the API acknowledged (201 and the whole body received).</summary>
internal sealed record AckedBooking(Guid Id, Guid DoctorId, DateTime Start, int Cycle);

/// <summary>What one load phase did before the host was killed.</summary>
internal sealed record LoadResult(double Seconds, double FirstAckSeconds, int BookingAttempts, int BookingsAcked, int SlotTaken, int BookingErrors, int MessageAttempts, int MessagesAcked,
    int MessageErrors, int InFlightAtKill, int AckedInLastSecond, List<string> ErrorSamples);

/// <summary>
/// Mixed load through the HTTP API until the host is killed: booking patients take free slots (each with an Idempotency-Key,
/// a share of them racing another client for the same slot) while chatting patients post messages into their conversations
/// (each with a clientMessageId). After <c>seconds</c> the host gets SIGKILL with requests in flight. Only an answer that
/// arrived whole counts as acknowledged.
/// </summary>
internal sealed class Load(Workload workload, HostProcess host, Random random, double contended)
{
    private long nextSlot;
    private (Doctor Doctor, DateTime Start)? lastHandedOut;

    public List<AckedBooking> Bookings { get; } = [];
    public List<(Guid Id, int Cycle)> Messages { get; } = [];

    public async Task<LoadResult> RunAsync(int cycle, double seconds)
    {
        var killed = 0;
        var inFlight = 0;
        int bookingAttempts = 0, bookingsAcked = 0, slotTaken = 0, bookingErrors = 0, messageAttempts = 0, messagesAcked = 0, messageErrors = 0;
        var ackTimes = new ConcurrentBag<double>();
        var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new ConcurrentQueue<string>();
        var watch = Stopwatch.StartNew();
        var bookings = new ConcurrentBag<AckedBooking>();
        var messages = new ConcurrentBag<Guid>();
        bool Killed() => Volatile.Read(ref killed) == 1;

        void Error(string what)
        {
            if (errors.Count < 8)
            {
                errors.Enqueue(what.Length > 300 ? what[..300] : what);
            }
        }

        // One client per simulated user; a 401 (token not valid after the restart) signs that user in again once.
        async Task<HttpResponseMessage?> SendAsync(Account account, Func<HttpRequestMessage> build, HttpClient[] client)
        {
            for (var attempt = 0; attempt < 2 && !Killed(); attempt++)
            {
                Interlocked.Increment(ref inFlight);
                try
                {
                    var response = await client[0].SendAsync(build(), HttpCompletionOption.ResponseContentRead);
                    if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                    {
                        response.Dispose();
                        await account.SignInAsync(host.BaseUrl);
                        client[0].Dispose();
                        client[0] = Api.NewClient(host.BaseUrl, account.Token);
                        continue;
                    }

                    return response;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or InvalidOperationException)
                {
                    if (!Killed())
                    {
                        Error($"{ex.GetType().Name}: {ex.Message}{(ex.InnerException is { } inner ? $" ({inner.GetType().Name}: {inner.Message})" : "")}");
                    }

                    return null;
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }

            return null;
        }

        async Task Booker(Account patient)
        {
            var client = new[] { Api.NewClient(host.BaseUrl, patient.Token) };
            while (!Killed())
            {
                var (doctor, start) = NextSlot();
                var key = Guid.NewGuid().ToString();
                Interlocked.Increment(ref bookingAttempts);
                using var response = await SendAsync(patient, () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scheduling/appointments")
                    {
                        Content = JsonContent.Create(new
                        {
                            doctorId = doctor.Id, clinicId = doctor.ClinicId, kind = "video",
                            start = start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        }, options: Api.Json),
                    };
                    request.Headers.Add("Idempotency-Key", key);
                    return request;
                }, client);
                if (response is null)
                {
                    if (!Killed())
                    {
                        Interlocked.Increment(ref bookingErrors);
                    }

                    continue;
                }

                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
                    bookings.Add(new AckedBooking(id, doctor.Id, start, cycle));
                    ackTimes.Add(watch.Elapsed.TotalSeconds);
                    firstAck.TrySetResult();
                    Interlocked.Increment(ref bookingsAcked);
                }
                else if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    Interlocked.Increment(ref slotTaken);
                }
                else
                {
                    Interlocked.Increment(ref bookingErrors);
                    Error($"booking {(int)response.StatusCode}: {body}");
                }
            }

            client[0].Dispose();
        }

        async Task Writer(Chatter chatter)
        {
            var client = new[] { Api.NewClient(host.BaseUrl, chatter.Patient.Token) };
            var n = 0;
            while (!Killed())
            {
                var clientMessageId = Guid.NewGuid().ToString("N");
                var text = $"Crash bench cycle {cycle}, message {++n}: the pain is better today.";
                Interlocked.Increment(ref messageAttempts);
                using var response = await SendAsync(chatter.Patient, () => new HttpRequestMessage(HttpMethod.Post,
                    $"/api/v1/consultations/conversations/{chatter.ConversationId}/messages")
                {
                    Content = JsonContent.Create(new { body = text, attachmentIds = Array.Empty<Guid>(), clientMessageId }, options: Api.Json),
                }, client);
                if (response is null)
                {
                    if (!Killed())
                    {
                        Interlocked.Increment(ref messageErrors);
                    }

                    continue;
                }

                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    messages.Add(JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid());
                    ackTimes.Add(watch.Elapsed.TotalSeconds);
                    firstAck.TrySetResult();
                    Interlocked.Increment(ref messagesAcked);
                }
                else
                {
                    Interlocked.Increment(ref messageErrors);
                    Error($"message {(int)response.StatusCode}: {body}");
                }
            }

            client[0].Dispose();
        }

        var clients = workload.Bookers.Select(b => Task.Run(() => Booker(b)))
            .Concat(workload.Chatters.Select(c => Task.Run(() => Writer(c)))).ToList();
        // The load runs `seconds` from its first acknowledged write: right after a restart the host is still warming up (JIT,
        // caches, pools), and on a busy machine that alone can take seconds.
        await Task.WhenAny(firstAck.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        var firstAckSeconds = watch.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        // The kill lands while the clients are still sending: count what is in flight at that instant. The flag goes up first so
        // that requests refused by the dead host are not counted as errors; a client that sees it sends nothing new.
        var inFlightAtKill = Volatile.Read(ref inFlight);
        var killedAt = watch.Elapsed.TotalSeconds;
        Volatile.Write(ref killed, 1);
        host.KillHard();
        await Task.WhenAny(Task.WhenAll(clients), Task.Delay(TimeSpan.FromSeconds(90)));
        if (!clients.All(c => c.IsCompleted))
        {
            Error("some clients did not stop within 90 s of the kill");
        }

        foreach (var faulted in clients.Where(c => c.IsFaulted))
        {
            Error($"client failed: {faulted.Exception!.GetBaseException().Message}");
        }

        lock (Bookings)
        {
            Bookings.AddRange(bookings);
            Messages.AddRange(messages.Select(m => (m, cycle)));
        }

        var lastSecond = ackTimes.Count(t => t > killedAt - 1);
        return new LoadResult(killedAt, firstAckSeconds, bookingAttempts, bookingsAcked, slotTaken, bookingErrors, messageAttempts, messagesAcked, messageErrors,
            inFlightAtKill, lastSecond, [.. errors]);
    }

    /// <summary>A fresh slot, or (for the share that races) the one handed out just before, to another client.</summary>
    private (Doctor Doctor, DateTime Start) NextSlot()
    {
        lock (this)
        {
            if (lastHandedOut is { } last && random.NextDouble() < contended)
            {
                lastHandedOut = null;
                return last;
            }

            var slot = workload.Slot(nextSlot++);
            lastHandedOut = slot;
            return slot;
        }
    }
}
