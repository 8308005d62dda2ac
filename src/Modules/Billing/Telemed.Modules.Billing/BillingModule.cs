using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Access;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Http;
using Telemed.BuildingBlocks.Modules;
using Telemed.Modules.Billing.Admin;
using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Billing.Claims;
using Telemed.Modules.Billing.ClinicRules;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments;
using Telemed.Modules.Billing.Payments.Gateways;
using Telemed.Modules.Billing.Payments.Gateways.Sandbox;
using Telemed.Modules.Billing.Payments.Gateways.Stripe;
using Telemed.Modules.Billing.Payments.Settlement;
using Telemed.Modules.Billing.Payments.Statuses;
using Telemed.Modules.Billing.Payments.Webhooks;
using Telemed.Modules.Billing.Quotes;
using Telemed.Modules.Billing.Receipts;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Billing;

/// <summary>
/// Money (issue 14): quotes before booking, the visit's payment through a gateway (<c>Billing:Gateway</c>: <c>sandbox</c>, the default,
/// or <c>stripe</c>), capture after the visit, fees, automatic refunds, reconciliation. See docs/billing.md.
/// </summary>
public sealed class BillingModule : IModule
{
    public string Name => "billing";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<BillingDbContext>();
        services.AddSingleton(new ModuleMigrations("billing", typeof(BillingDbContext), typeof(BillingModule).Assembly));
        services.AddScoped<QuoteCalculator>();
        services.AddScoped<PaymentAccess>();
        services.AddScoped<PaymentForAppointment>();
        services.AddScoped<PaymentIntentOpener>();
        services.AddScoped<PaymentSettlement>();
        services.AddScoped<IRevenueAnalytics, Analytics.RevenueAnalyticsReader>();
        services.AddHostedService<Analytics.RevenueRollupRefresher>();
        services.AddIntegrationEventHandler<Telemed.Modules.Directory.Contracts.ClinicTimeZoneChanged, Analytics.MarkClinicDaysWhenTimeZoneChanges>();
        services.AddSingleton<ReceiptNumbers>();
        services.AddIntegrationEventHandler<AppointmentBooked, CreatePaymentWhenAppointmentBooked>();
        services.AddIntegrationEventHandler<AppointmentCancelled, SettleWhenAppointmentCancelled>();
        services.AddIntegrationEventHandler<ConsultationCompleted, CaptureWhenConsultationCompleted>();
        services.AddIntegrationEventHandler<ConsultationFailed, SettleWhenConsultationFailed>();
        services.AddIntegrationEventHandler<PaymentCaptured, CreateClaimWhenVisitPaid>();
        services.AddIntegrationEventHandler<PaymentRefunded, AdjustClaimWhenPaymentRefunded>();

        var gateway = configuration["Billing:Gateway"] ?? SandboxGateway.GatewayName;
        switch (gateway)
        {
            case SandboxGateway.GatewayName:
                services.AddSingleton<SandboxGateway>();
                services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SandboxGateway>());
                services.AddSingleton(PaymentBrowserSources.None);
                break;
            case "stripe":
                AddStripe(services, configuration);
                break;
            default:
                throw new InvalidOperationException($"Billing:Gateway must be 'sandbox' or 'stripe', not '{gateway}'.");
        }
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapGet("/billing/quote", GetQuote.HandleAsync).WithTags("Billing").AllowAnonymous().RequireRateLimiting(PublicReadRateLimit.Policy).WithName("GetQuote");

        var appointment = api.MapGroup("/appointments/{appointmentId:guid}/payment").WithTags("Billing").RequireAuthorization(Policies.SignedIn);
        appointment.MapGet("", PaymentEndpoints.GetAsync).WithName("GetAppointmentPayment");
        appointment.MapPost("", PaymentEndpoints.StartAsync).WithName("StartAppointmentPayment");
        api.MapGet("/payments/{id:guid}/receipt", DownloadReceipt.HandleAsync).WithTags("Billing").RequireAuthorization(Policies.SignedIn)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").WithName("DownloadReceipt");
        // The front desk's day asks for all its rows' statuses at once (docs/billing.md); the same staff PaymentAccess shows statuses to.
        api.MapGet("/payments/statuses", ListPaymentStatuses.HandleAsync).WithTags("Billing")
            .RequireAuthorization(p => p.RequireRole(Roles.FrontDesk, Roles.Admin).RequireClaim("telemed:stage", "full")).WithName("ListPaymentStatuses")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/payments/{id:guid}/sync", PaymentEndpoints.SyncAsync).WithTags("Billing").RequireAuthorization(Policies.SignedIn).WithName("SyncPayment");

        api.MapPost("/billing/webhooks/{gateway}", ReceiveGatewayWebhook.HandleAsync).WithTags("Billing").AllowAnonymous().WithName("ReceiveGatewayWebhook");
        if (api.ServiceProvider.GetService<SandboxGateway>() is not null)
        {
            var sandbox = api.MapGroup("/billing/sandbox").WithTags("Billing").RequireAuthorization(Policies.SignedIn);
            sandbox.MapPost("/confirm", SandboxEndpoints.ConfirmAsync).Validate<SandboxConfirmRequest>().WithName("ConfirmSandboxCard");
            sandbox.MapPost("/authenticate", SandboxEndpoints.AuthenticateAsync).Validate<SandboxAuthenticateRequest>().WithName("AuthenticateSandboxCard");
        }

        var admin = api.MapGroup("/admin").WithTags("Billing").RequireAuthorization(Policies.Admin);
        admin.MapGet("/payments", AdminPaymentEndpoints.ListAsync).WithName("ListPayments").ProducesClaimProblems(StatusCodes.Status400BadRequest);
        admin.MapPost("/payments/{id:guid}/refund", AdminPaymentEndpoints.RefundAsync).Validate<RefundRequest>().AcceptsIdempotencyKey().WithName("RefundPayment");
        admin.MapGet("/billing/reconciliation", AdminPaymentEndpoints.ReconciliationAsync).WithName("GetReconciliation");
        admin.MapGet("/billing/accounting-export", AccountingExport.HandleAsync).Produces(StatusCodes.Status200OK, contentType: "text/csv").WithName("ExportAccounting");
        // Claims: every status each can answer is declared so the OpenAPI document (and the web app's types) list them; 401/403 come from
        // the admin policy, 400 from query binding, validation or the filters, 404/409 from the claim's own rules.
        admin.MapGet("/claims", ClaimEndpoints.ListAsync).WithName("ListClaims").ProducesClaimProblems(StatusCodes.Status400BadRequest);
        admin.MapPost("/claims/{id:guid}/status", ClaimEndpoints.ChangeStatusAsync).Validate<ClaimStatusChange>().WithName("ChangeClaimStatus")
            .ProducesClaimProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict); // 400: Validate declares its validation problem
        admin.MapGet("/claims/{id:guid}/fhir", ClaimEndpoints.FhirAsync).Produces(StatusCodes.Status200OK, contentType: "application/fhir+json").WithName("GetClaimAsFhir")
            .ProducesClaimProblems(StatusCodes.Status404NotFound);
        admin.MapGet("/claims/export", ClaimEndpoints.ExportAsync).Produces(StatusCodes.Status200OK, contentType: "text/csv").WithName("ExportClaims")
            .ProducesClaimProblems(StatusCodes.Status400BadRequest);
        admin.MapGet("/clinics/{clinicId:guid}/billing-rules", ClinicRulesEndpoints.GetAsync).WithName("GetClinicBillingRules");
        admin.MapPut("/clinics/{clinicId:guid}/billing-rules", ClinicRulesEndpoints.PutAsync).Validate<ClinicBillingRulesView>().WithName("PutClinicBillingRules");
    }

    private static void AddStripe(IServiceCollection services, IConfiguration configuration) =>
        StripeGatewayRegistration.Add(services, configuration);
}
