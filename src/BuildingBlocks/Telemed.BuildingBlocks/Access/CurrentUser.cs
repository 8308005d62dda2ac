using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Telemed.BuildingBlocks.Access;

/// <summary>Who is asking, read from the authenticated principal of the current request.</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }
    bool IsInRole(string role);
    Guid RequireUserId();
}

public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public Guid? UserId =>
        Principal?.Identity?.IsAuthenticated == true && Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    public Guid RequireUserId() => UserId ?? throw new InvalidOperationException("The endpoint requires an authenticated user.");
}
