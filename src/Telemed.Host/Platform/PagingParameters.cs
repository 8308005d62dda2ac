using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Results;

namespace Telemed.Host.Platform;

/// <summary>
/// <see cref="PageRequest"/>'s paging rule for every <c>/api/v1</c> list that takes <c>page</c>/<c>pageSize</c> from the query string:
/// a value out of range is 400 <c>validation.failed</c> naming the field and its range, before the handler runs, rather than clamped
/// silently (a client asking for 500 rows got 100 and took them for all). Only endpoints with such a parameter get the check.
/// </summary>
internal static class PagingParameters
{
    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var parameters = context.MethodInfo.GetParameters();
        var page = Array.FindIndex(parameters, p => p.Name == "page" && (p.ParameterType == typeof(int?) || p.ParameterType == typeof(int)));
        var pageSize = Array.FindIndex(parameters, p => p.Name == "pageSize" && (p.ParameterType == typeof(int?) || p.ParameterType == typeof(int)));
        if (page < 0 && pageSize < 0)
        {
            return next;
        }

        return invocation =>
        {
            int? At(int index) => index >= 0 && index < invocation.Arguments.Count ? invocation.Arguments[index] as int? : null;
            return PageRequest.FieldErrors(At(page), At(pageSize)) is { } errors
                ? ValueTask.FromResult<object?>(Problems.From(Error.ValidationFailed(errors)))
                : next(invocation);
        };
    }
}
