using Telemed.BuildingBlocks.Cluster;
using Telemed.BuildingBlocks.Modules;
using Telemed.BuildingBlocks.Http;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.Modules.Identity.Accounts;
using Telemed.Modules.Identity.Administration;
using Telemed.Modules.Identity.CareAccess;
using Telemed.Modules.Identity.Contracts;
using Telemed.Modules.Identity.Infrastructure;
using Telemed.Modules.Identity.Invitations;
using Telemed.Modules.Identity.Mfa;
using Telemed.Modules.Identity.Registration;
using Telemed.Modules.Identity.Sessions;
using Telemed.Modules.Identity.SignIn;

namespace Telemed.Modules.Identity;

/// <summary>Identity &amp; Access: accounts, sessions, MFA, invitations, roles and the care-relationship rules.</summary>
public sealed class IdentityModule : IModule
{
    public string Name => "identity";

    public const string AuthRateLimit = "auth";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<IdentityDbContext>();
        services.AddSingleton(new ModuleMigrations("identity", typeof(IdentityDbContext), typeof(IdentityModule).Assembly));
        services.Configure<IdleSessionOptions>(configuration.GetSection(IdleSessionOptions.Section));
        services.Configure<CareAccessOptions>(configuration.GetSection(CareAccessOptions.Section));

        services.AddIdentityCore<UserAccount>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = "";
                o.SignIn.RequireConfirmedEmail = true;
            })
            .AddDefaultTokenProviders()
            // Same name as Identity's own authenticator provider, so it replaces it on every path that checks a code.
            .AddTokenProvider<ReplayProofAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<UserStore>();
        services.AddIntegrationEventHandler<PatientLanguageChanged, Accounts.FollowThePatientsLanguage>();
        services.AddScoped<IUserStore<UserAccount>>(sp => sp.GetRequiredService<UserStore>());

        services.AddScoped<SessionService>();
        services.AddScoped<ISessionStatus, SessionStatusReader>();
        services.AddScoped<IAccountFigures, Administration.AccountFiguresReader>();
        services.AddSingleton<SessionCache>();
        services.AddSingleton<SessionActivityFlush>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionActivityFlush>());
        services.AddSingleton<HubConnectionRegistry>();
        services.AddSingleton<SessionEndings>();
        services.AddClusterSignalHandler<SessionsChanged, ApplySessionsChanged>();
        services.AddSingleton<IdleConnectionSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleConnectionSweep>());
        services.AddScoped<PasswordVerification>();
        services.AddScoped<FailedAttempts>();
        services.AddScoped<CookieSignIn>();
        services.AddPublicUrls();
        services.AddScoped<EmailLinks>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<ICareAccess, CareAccessService>();
        services.AddScoped<IIdentityModule, IdentityFacade>();
        services.AddScoped<IAccountClosure, AccountClosure>();
        services.AddScoped<Notifications.Contracts.IRecipientLanguage>(sp => (IdentityFacade)sp.GetRequiredService<IIdentityModule>());
        services.AddScoped<BuildingBlocks.Auditing.IAuditActorDirectory, AuditActorDirectory>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SessionSchemes.Selector;
                o.DefaultChallengeScheme = SessionSchemes.Selector;
            })
            .AddPolicyScheme(SessionSchemes.Selector, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? SessionSchemes.Bearer : SessionSchemes.Cookie)
            .AddCookie(SessionSchemes.Cookie, o =>
            {
                o.Cookie.Name = SessionSchemes.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // The server-side session decides about idleness; the cookie only caps the lifetime.
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = false;
                o.EventsType = typeof(CookieSessionEvents);
            })
            .AddScheme<AuthenticationSchemeOptions, BearerSessionHandler>(SessionSchemes.Bearer, null);
        services.AddScoped<CookieSessionEvents>();

        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(SessionPrincipal.Stage, SessionPrincipal.FullStage).Build();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(signedIn)
            .SetDefaultPolicy(signedIn)
            .AddPolicy(Policies.SignedIn, signedIn)
            .AddPolicy(Policies.PasswordVerified, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Patient, p => p.Combine(signedIn).RequireRole(Roles.Patient))
            .AddPolicy(Policies.Doctor, p => p.Combine(signedIn).RequireRole(Roles.Doctor))
            .AddPolicy(Policies.FrontDesk, p => p.Combine(signedIn).RequireRole(Roles.FrontDesk))
            .AddPolicy(Policies.Pharmacist, p => p.Combine(signedIn).RequireRole(Roles.Pharmacist))
            .AddPolicy(Policies.Admin, p => p.Combine(signedIn).RequireRole(Roles.Admin));

        var permitsPerMinute = configuration.GetValue("RateLimiting:AuthPermitsPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsJsonAsync(new
                {
                    type = "https://telemed.dev/problems/rate_limited",
                    title = "Too many requests.",
                    status = 429,
                    detail = "Too many attempts from this address. Wait a minute and try again.",
                    code = "rate_limited",
                }, options: null, contentType: "application/problem+json", cancellationToken: ct);
            };
        });
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Authentication");
        auth.MapSignInEndpoints();
        auth.MapRegistrationEndpoints();
        auth.MapMfaEnrolmentEndpoints();
        Mfa.Manage.MfaManagementEndpoints.MapMfaManagementEndpoints(auth);
        Mfa.Replace.MfaReplacementEndpoints.MapMfaReplacementEndpoints(auth);
        Accounts.ChangePassword.ChangePasswordEndpoint.MapChangePassword(auth);
        var root = api.MapGroup("");
        root.MapInvitationEndpoints();
        root.MapInvitationManagementEndpoints();
        root.MapCredentialResetEndpoints();
        root.MapUserAdministrationEndpoints();
    }
}
