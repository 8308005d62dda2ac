using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Events;
using Telemed.Modules.Consultations.Contracts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Billing.Payments.Settlement;

/// <summary>A booked appointment gets its payment, quoted at the moment of booking, waiting for the patient's card.</summary>
internal sealed class CreatePaymentWhenAppointmentBooked(PaymentForAppointment payments, ILogger<CreatePaymentWhenAppointmentBooked> logger)
    : IIntegrationEventBatchHandler<AppointmentBooked>
{
    public async Task HandleAsync(AppointmentBooked e, CancellationToken cancellationToken)
    {
        var (appointment, minutes) = For(e);
        var created = await payments.CreateAsync(appointment, minutes, cancellationToken);
        LogWhenFree(e, created);
    }

    public async Task HandleAsync(IReadOnlyList<AppointmentBooked> events, CancellationToken cancellationToken)
    {
        var created = await payments.CreateAsync([.. events.Select(For)], cancellationToken);
        foreach (var (e, result) in events.Zip(created))
        {
            LogWhenFree(e, result);
        }
    }

    private static (PaymentAppointment Appointment, int Minutes) For(AppointmentBooked e) =>
        (new PaymentAppointment(e.AppointmentId, e.PatientId, e.DoctorId, e.DoctorUserId, e.ClinicId, Camel(e.Kind.ToString()), e.Start),
            (int)Math.Round((e.End - e.Start).TotalMinutes));

    private void LogWhenFree(AppointmentBooked e, Telemed.BuildingBlocks.Results.Result<Payment> created)
    {
        if (!created.IsSuccess)
        {
            // A doctor without a rate is free to see: there is nothing to charge, and nothing to retry.
            logger.LogInformation("Appointment {AppointmentId} has no price ({Code}); no payment is taken.", e.AppointmentId, created.Error!.Code);
        }
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>A booked visit held online ended: its final amount is captured from the actual duration.</summary>
internal sealed class CaptureWhenConsultationCompleted(PaymentSettlement settlement) : IIntegrationEventHandler<ConsultationCompleted>
{
    public Task HandleAsync(ConsultationCompleted e, CancellationToken cancellationToken) =>
        e.AppointmentId is { } appointmentId ? settlement.VisitCompletedAsync(appointmentId, e.StartedAt, e.EndedAt, cancellationToken) : Task.CompletedTask;
}

/// <summary>A cancelled appointment's hold is released, or the clinic's fee charged for a late cancellation by the patient.</summary>
internal sealed class SettleWhenAppointmentCancelled(PaymentSettlement settlement) : IIntegrationEventHandler<AppointmentCancelled>
{
    public Task HandleAsync(AppointmentCancelled e, CancellationToken cancellationToken) =>
        settlement.AppointmentCancelledAsync(e.AppointmentId, e.ByPatient, e.Late, cancellationToken);
}

/// <summary>A failed consultation is refunded (or its hold released) when the clinic failed, or charged a no-show fee.</summary>
internal sealed class SettleWhenConsultationFailed(PaymentSettlement settlement) : IIntegrationEventHandler<ConsultationFailed>
{
    public Task HandleAsync(ConsultationFailed e, CancellationToken cancellationToken) =>
        e.AppointmentId is { } appointmentId ? settlement.ConsultationFailedAsync(appointmentId, e.Reason, cancellationToken) : Task.CompletedTask;
}
