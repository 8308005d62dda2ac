using System.Buffers;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
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
/// "<c>request.invalid_characters: …</c>" before the method runs. Object arguments are checked while they are read (<see cref="UserTextJson"/>,
/// refused by <see cref="CodedJsonHubProtocol"/>).
/// </summary>
internal sealed class UserTextHubFilter : IHubFilter
{
    /// <summary>Per hub method: each argument's name and rule (one line, exempt), read once rather than on every call.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<System.Reflection.MethodInfo, (string Name, bool SingleLine, bool Exempt)[]> Parameters = new();

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var arguments = invocationContext.HubMethodArguments;
        (string Name, bool SingleLine, bool Exempt)[]? parameters = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] is not string text)
            {
                continue;
            }

            parameters ??= Parameters.GetOrAdd(invocationContext.HubMethod, static method => method.GetParameters()
                .Select((p, index) => p.Name is { } name ? (name, UserText.IsSingleLineName(name), UserText.IsExemptName(name)) : ($"argument {index + 1}", false, false))
                .ToArray());
            var (name, singleLine, exempt) = i < parameters.Length && parameters.Length == arguments.Count ? parameters[i] : ($"argument {i + 1}", false, false);
            if (!exempt && UserText.Check(text, singleLine) is { } problem)
            {
                throw new HubException(UserTextErrors.HubMessage(name, problem));
            }
        }

        return next(invocationContext);
    }
}

/// <summary>
/// SignalR's JSON hub protocol, with one change: an invocation whose arguments cannot be bound (a number where a GUID is expected, an
/// argument missing or extra, an unknown method, text <see cref="UserTextJson"/> refuses) reaches the client as a HubException with a
/// stable code (<c>request.invalid</c>, <c>request.invalid_characters</c>) instead of SignalR's codeless "Failed to invoke … due to an
/// error on the server". Binding happens in the protocol, before any hub filter runs, so this is the one place that sees it. The log gets
/// the method name, the code and the exception type, never a value.
/// </summary>
internal sealed class CodedJsonHubProtocol(IHubProtocol inner, ILogger<CodedJsonHubProtocol> logger) : IHubProtocol
{
    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
    {
        if (!inner.TryParseMessage(ref input, binder, out message))
        {
            return false;
        }

        if (message is InvocationBindingFailureMessage failure)
        {
            var coded = Coded(IsKnown(binder, failure.Target) ? failure.Target : "(an unknown method)", failure.BindingFailure.SourceException);
            message = new InvocationBindingFailureMessage(failure.InvocationId, failure.Target, ExceptionDispatchInfo.Capture(coded));
        }

        return true;
    }

    /// <summary>Whether the hub has a method of that name: only then is the name (which the client chose) written to the log.</summary>
    private static bool IsKnown(IInvocationBinder binder, string target)
    {
        try
        {
            binder.GetParameterTypes(target);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or HubException or ArgumentException)
        {
            return false;
        }
    }

    private HubException Coded(string target, Exception exception)
    {
        // Also text the JSON reader could not read as a string (an escaped lone surrogate, bytes that are not UTF-8): the same code.
        if (UserTextJson.RefusalIn(exception) is { } text)
        {
            logger.LogInformation("Refused hub invocation of {Target}: {Code} ({Fault})", target, UserText.ErrorCode, text.Problem.Fault);
            return new HubException(UserTextErrors.HubMessage(text.FieldLabel is "(body)" ? "(argument)" : text.FieldLabel, text.Problem));
        }

        logger.LogInformation("Refused hub invocation of {Target}: {Code} ({ExceptionType})", target, "request.invalid", (exception.InnerException ?? exception).GetType().FullName);
        return new HubException("request.invalid: The call's arguments could not be read: check the method's name and the number and types of its arguments.");
    }
}
