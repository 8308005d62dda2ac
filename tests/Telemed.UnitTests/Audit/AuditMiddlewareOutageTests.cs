using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Telemed.BuildingBlocks.Auditing;
using Telemed.Host.Platform;

namespace Telemed.UnitTests.Audit;

/// <summary>
/// The audit flush that runs just before an answer starts, while the database is down: an error answer (no record data)
/// still leaves, a successful one does not (its PHI read would leave unaudited).
/// </summary>
public sealed class AuditMiddlewareOutageTests
{
    [Fact]
    public async Task An_error_answer_leaves_when_its_audit_records_cannot_be_written_for_a_database_outage()
    {
        var starting = await RunAsync(status: 503);

        await Should.NotThrowAsync(starting);
    }

    [Fact]
    public async Task A_successful_answer_does_not_leave_without_its_audit_records()
    {
        var starting = await RunAsync(status: 200);

        await Should.ThrowAsync<PostgresException>(starting);
    }

    /// <summary>Runs the middleware with a handler that records one PHI read and starts an answer of <paramref name="status"/>
    /// (running the OnStarting callbacks as Kestrel does); returns what the request did: completed or threw.</summary>
    private static async Task<Func<Task>> RunAsync(int status)
    {
        var feature = new CapturingResponseFeature();
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseFeature>(feature);
        var scope = new AuditScope(TimeProvider.System);
        var middleware = new AuditMiddleware(ctx =>
        {
            scope.RecordPhiAccess("patient.read", "Patient", Guid.NewGuid());
            ctx.Response.StatusCode = status;
            return feature.StartAsync();
        }, new DownTrail(), NullLogger<AuditMiddleware>.Instance);

        Exception? thrown = null;
        try
        {
            await middleware.InvokeAsync(context, scope);
        }
        catch (Exception e)
        {
            thrown = e;
        }

        return () => thrown is null ? Task.CompletedTask : Task.FromException(thrown);
    }

    private sealed class DownTrail : IAuditTrail
    {
        public Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default) =>
            Task.FromException(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"));
    }

    /// <summary>A response feature that runs its OnStarting callbacks when the handler starts the answer, as Kestrel does.</summary>
    private sealed class CapturingResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

        public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

        public async Task StartAsync()
        {
            // Kestrel runs them last-registered first.
            for (var i = _starting.Count - 1; i >= 0; i--)
            {
                await _starting[i].Callback(_starting[i].State);
            }
        }
    }
}
