using Microsoft.AspNetCore.SignalR;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Text;

namespace Telemed.Host.Platform;

/// <summary>
/// <see cref="UserText"/>'s rule for what JSON bodies do not carry: string parameters of <c>/api/v1</c> endpoints (query, route, form,
/// header or a whole-string body). Only endpoints that take a string get the check; the others run as before.
/// </summary>
internal static class UserTextParameters
{
    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var checks = context.MethodInfo.GetParameters()
            .Select((p, i) => (Index: i, p.Name, p.ParameterType))
            .Where(p => p.ParameterType == typeof(string) && p.Name is { } name && !UserText.IsExemptName(name))
            .Select(p => (p.Index, Name: p.Name!, SingleLine: UserText.IsSingleLineName(p.Name!)))
            .ToArray();
        if (checks.Length == 0)
        {
            return next;
        }

        return invocation =>
        {
            foreach (var (index, name, singleLine) in checks)
            {
                if (index < invocation.Arguments.Count && invocation.Arguments[index] is string text && UserText.Check(text, singleLine) is { } problem)
                {
                    return ValueTask.FromResult<object?>(Problems.From(UserTextErrors.For(name, problem, invocation.HttpContext.Request.Headers.AcceptLanguage)));
                }
            }

            return next(invocation);
        };
    }
}

/// <summary>
/// Hub methods' string arguments (a chat message's body, a typing name): the same rule, refused with a HubException
/// "<c>request.invalid_characters: …</c>" before the method runs. Object arguments are checked while they are read (<see cref="UserTextJson"/>).
/// </summary>
internal sealed class UserTextHubFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var arguments = invocationContext.HubMethodArguments;
        var parameters = invocationContext.HubMethod.GetParameters();
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] is not string text)
            {
                continue;
            }

            var name = i < parameters.Length && parameters.Length == arguments.Count ? parameters[i].Name ?? $"argument {i + 1}" : $"argument {i + 1}";
            if (!UserText.IsExemptName(name) && UserText.Check(text, UserText.IsSingleLineName(name)) is { } problem)
            {
                throw new HubException(UserTextErrors.HubMessage(name, problem));
            }
        }

        return next(invocationContext);
    }
}
