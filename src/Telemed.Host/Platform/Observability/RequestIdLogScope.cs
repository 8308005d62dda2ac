namespace Telemed.Host.Platform.Observability;

/// <summary>
/// Puts the request id on every log line written while a request runs (the console formatters print scopes; the trace id
/// comes from the activity). It replaces ASP.NET Core's own request scope, which also carries the request path: a path
/// can hold a secret (a calendar feed's token), and logs must carry neither secrets nor PHI.
/// </summary>
public sealed class RequestIdLogScope(RequestDelegate next, ILogger<RequestIdLogScope> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using (logger.BeginScope(new RequestScope(context.TraceIdentifier)))
        {
            await next(context);
        }
    }

    /// <summary>Structured scope state: a single <c>RequestId</c> property.</summary>
    private sealed class RequestScope(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?> _item = new("RequestId", requestId);

        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] => index == 0 ? _item : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return _item;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => "RequestId:" + requestId;
    }
}
