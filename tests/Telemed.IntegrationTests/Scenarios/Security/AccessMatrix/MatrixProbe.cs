using System.Text;
using System.Text.Json;
using Telemed.IntegrationTests.Infrastructure;
using Telemed.IntegrationTests.Scenarios.ContractFuzz;

namespace Telemed.IntegrationTests.Scenarios.Security.AccessMatrix;

/// <summary>
/// Calls every operation that takes an id with an owner's ids as a stranger, and collects what went wrong: a stranger let in
/// (an answer outside 4xx), or an answer that differs from the one for an id that names nothing (it tells the record exists).
/// </summary>
public sealed class MatrixProbe(OpenApiOperations openApi, IdHarvest harvest, IReadOnlyList<ApiOperation> operations)
{
    /// <summary>At most this many of the owner's ids of a route's kind (or of any kind, when none fits) per operation and caller.</summary>
    private const int IdsPerOperation = 6;

    /// <summary>Operations that give access by design: break-glass is a doctor's audited emergency access to any patient.</summary>
    private static readonly HashSet<string> GrantsAccessByDesign = ["POST /api/v1/patients/{id}/break-glass"];

    public List<string> Failures { get; } = [];

    /// <summary>Operations reached with an owner's id of their own kind.</summary>
    public HashSet<string> Covered { get; } = [];

    /// <summary>Refused <c>GET</c>s with an owner's id of the route's own kind: each must leave a denied entry in the trail.</summary>
    public List<(string Who, string Operation, Guid Id)> RefusedReads { get; } = [];

    public int Tried { get; private set; }

    /// <summary>Operations with at least one GUID in their route.</summary>
    public IReadOnlyList<ApiOperation> IdOperations { get; } =
        operations.Where(o => o.Parameters.Any(p => p.In == "path" && IdHarvest.IsGuid(p))).ToList();

    /// <summary>
    /// <paramref name="who"/> calls each operation with each owner's id of the route's kind; <paramref name="owners"/> are the owner's ids
    /// the caller could not find itself, with their kinds.
    /// </summary>
    public async Task ProbeAsync(string who, ApiClient client, IReadOnlyList<KeyValuePair<Guid, HashSet<string>>> owners)
    {
        foreach (var op in IdOperations.Where(o => !GrantsAccessByDesign.Contains(o.ToString())))
        {
            foreach (var parameter in op.Parameters.Where(p => p.In == "path" && IdHarvest.IsGuid(p)))
            {
                var matching = IdHarvest.Matching(op, parameter, owners).ToList();
                var candidates = (matching.Count > 0 ? matching : owners.Select(o => o.Key)).Take(IdsPerOperation).ToList();
                string IdFor(OperationParameter p, Guid candidate) =>
                    p.Name == parameter.Name ? candidate.ToString()
                    : IdHarvest.IsGuid(p) ? (IdHarvest.Matching(op, p, owners).FirstOrDefault() is var other && other != Guid.Empty ? other : OpenApiOperations.UnknownId).ToString()
                    : null!;
                var unknownAnswer = await SendAsync(client, op, p => IdFor(p, OpenApiOperations.UnknownId));
                foreach (var candidate in candidates)
                {
                    Tried++;
                    var answer = await SendAsync(client, op, p => IdFor(p, candidate));
                    var kinds = string.Join("/", owners.First(o => o.Key == candidate).Value);
                    if (answer.Status is < 400 or >= 500)
                    {
                        Failures.Add($"{who}: {op} with the owner's {kinds} id ({parameter.Name}) → {answer}");
                    }
                    else if (answer != unknownAnswer)
                    {
                        Failures.Add($"{who}: {op} with the owner's {kinds} id ({parameter.Name}) → {answer}, but an unknown id → {unknownAnswer}: the answer tells the record exists");
                    }

                    if (matching.Contains(candidate))
                    {
                        Covered.Add(op.ToString());
                        if (op.Method == "GET")
                        {
                            RefusedReads.Add((who, op.ToString(), candidate));
                        }
                    }
                }
            }
        }
    }

    /// <summary>What an answer says: its status and, for a problem, its code.</summary>
    public sealed record Answer(int Status, string? Code)
    {
        public bool Succeeded => Status is >= 200 and < 400;

        public override string ToString() => Code is null ? Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Status} {Code}";
    }

    /// <summary>Calls the operation with the route ids given and <paramref name="body"/>, or a body that fits its schema (ids in it name nothing).</summary>
    public async Task<Answer> SendAsync(ApiClient client, ApiOperation op, Func<OperationParameter, string?> ids, object? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(op.Method), harvest.Url(op, ids));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, ApiClient.Json), Encoding.UTF8, "application/json");
        }
        else if (op.JsonBody is { } schema)
        {
            request.Content = new StringContent(openApi.Sample(schema)?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
        }
        else if (op.MultipartBody)
        {
            request.Content = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        }

        using var response = await client.Http.SendAsync(request);
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            code = problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }

        return new Answer((int)response.StatusCode, code);
    }

    public ApiOperation Operation(string method, string template) => operations.Single(o => o.Method == method && o.PathTemplate == template);
}
