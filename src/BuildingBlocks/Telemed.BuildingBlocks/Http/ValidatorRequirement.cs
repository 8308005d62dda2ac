using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Telemed.BuildingBlocks.Http;

/// <summary>Endpoint metadata: the endpoint validates its <see cref="RequestType"/> body, so a validator must exist.</summary>
public sealed record ValidatorRequirement(Type RequestType);

public static class ValidatorRequirements
{
    /// <summary>
    /// Lists the request types that endpoints ask to validate but that have no registered <see cref="IValidator{T}"/>,
    /// as "<c>route: type</c>" lines; the host refuses to start when the list is not empty (a missing validator
    /// would otherwise let every request through unchecked).
    /// </summary>
    public static IReadOnlyList<string> Missing(IEnumerable<EndpointDataSource> sources, IServiceProviderIsService services) =>
        sources.SelectMany(s => s.Endpoints)
            .SelectMany(e => e.Metadata.GetOrderedMetadata<ValidatorRequirement>().Select(r => (Endpoint: e, r.RequestType)))
            .Where(x => !services.IsService(typeof(IValidator<>).MakeGenericType(x.RequestType)))
            .Select(x => $"{(x.Endpoint as RouteEndpoint)?.RoutePattern.RawText ?? x.Endpoint.DisplayName}: {x.RequestType.FullName}")
            .Distinct()
            .ToList();
}
