using Microsoft.EntityFrameworkCore;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments.Settlement;
using Telemed.Modules.Billing.Quotes;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Billing.Payments;

/// <summary>
/// Finds or creates the one payment of an appointment, quoted with the doctor's rate and the clinic's rules at that moment. Two callers at
/// once (the booking's event and the patient opening the payment step) both end up with the same row: the unique index decides. A
/// visit's fate that reached billing before its payment existed (<see cref="PendingSettlement"/>) is applied once the payment is saved.
/// </summary>
internal sealed class PaymentForAppointment(BillingDbContext db, QuoteCalculator quotes, ISchedulingModule scheduling, PaymentSettlement settlement,
    TimeProvider clock)
{
    /// <summary>
    /// The appointment's payment, created from scheduling's record when missing. Errors: 404 <c>billing.appointment_not_found</c>,
    /// 409 <c>billing.nothing_to_pay</c> (a closed appointment with no payment), and the quote's errors.
    /// </summary>
    public async Task<Result<Payment>> EnsureAsync(Guid appointmentId, CancellationToken ct)
    {
        // With its movements: the payer's view of a payment lists its refunds from them.
        if (await db.Payments.Include(p => p.Movements).SingleOrDefaultAsync(p => p.AppointmentId == appointmentId, ct) is { } existing)
        {
            return existing;
        }

        if (await scheduling.GetAppointmentAsync(appointmentId, ct) is not { } appointment)
        {
            return PaymentErrors.AppointmentNotFound;
        }

        if (appointment.Status is "cancelled" or "completed" or "noShow")
        {
            return PaymentErrors.NothingToPay;
        }

        return await CreateAsync(new PaymentAppointment(appointment.AppointmentId, appointment.PatientId, appointment.DoctorId, appointment.DoctorUserId,
            appointment.ClinicId, appointment.Kind, appointment.Start), (int)Math.Round((appointment.End - appointment.Start).TotalMinutes), ct);
    }

    /// <summary>
    /// Creates the payment of a just-booked appointment of <paramref name="minutes"/> unless it exists, then applies whatever
    /// settlement was parked for it (a cancellation, completion or failure delivered first), so the payment ends as it would have
    /// in order. Returns the payment as saved.
    /// </summary>
    public async Task<Result<Payment>> CreateAsync(PaymentAppointment appointment, int minutes, CancellationToken ct)
    {
        var created = await CreateUnlessExistsAsync(appointment, minutes, ct);
        if (created.IsSuccess)
        {
            await settlement.ApplyParkedAsync([appointment.AppointmentId], ct);
        }

        return created;
    }

    private async Task<Result<Payment>> CreateUnlessExistsAsync(PaymentAppointment appointment, int minutes, CancellationToken ct)
    {
        if (await db.Payments.Include(p => p.Movements).SingleOrDefaultAsync(p => p.AppointmentId == appointment.AppointmentId, ct) is { } existing)
        {
            return existing;
        }

        var quote = await quotes.QuoteAsync(appointment.DoctorId, appointment.ClinicId, minutes, ct);
        if (!quote.IsSuccess)
        {
            return quote.Error!;
        }

        var payment = Payment.ForAppointment(appointment, quote.Value, clock.GetUtcNow().UtcDateTime);
        db.Payments.Add(payment);
        try
        {
            await db.SaveChangesAsync(ct);
            return payment;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.Entry(payment).State = EntityState.Detached;
            return await db.Payments.Include(p => p.Movements).SingleAsync(p => p.AppointmentId == appointment.AppointmentId, ct);
        }
    }

    /// <summary>
    /// <see cref="CreateAsync"/> for several just-booked appointments (a batch of bookings) in one transaction: one read of the payments
    /// that exist, one save of the new ones, one read of parked settlements (none, as a rule). Returns one result per appointment, in
    /// order. When the save is refused (a payment was created meanwhile) each appointment goes through <see cref="CreateAsync"/> on its own.
    /// </summary>
    public async Task<IReadOnlyList<Result<Payment>>> CreateAsync(IReadOnlyList<(PaymentAppointment Appointment, int Minutes)> appointments, CancellationToken ct)
    {
        var ids = appointments.Select(a => a.Appointment.AppointmentId).Distinct().ToList();
        var existing = await db.Payments.Where(p => ids.Contains(p.AppointmentId)).ToDictionaryAsync(p => p.AppointmentId, ct);
        var results = new List<Result<Payment>>(appointments.Count);
        foreach (var (appointment, minutes) in appointments)
        {
            if (existing.TryGetValue(appointment.AppointmentId, out var found))
            {
                results.Add(found);
                continue;
            }

            var quote = await quotes.QuoteAsync(appointment.DoctorId, appointment.ClinicId, minutes, ct);
            if (!quote.IsSuccess)
            {
                results.Add(quote.Error!);
                continue;
            }

            var payment = Payment.ForAppointment(appointment, quote.Value, clock.GetUtcNow().UtcDateTime);
            db.Payments.Add(payment);
            existing[appointment.AppointmentId] = payment;
            results.Add(payment);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return await OneByOneAsync(appointments, ct);
        }

        // A redelivered batch finds its payments existing: what was parked for them is applied then.
        await settlement.ApplyParkedAsync(ids, ct);
        return results;
    }

    private async Task<IReadOnlyList<Result<Payment>>> OneByOneAsync(IReadOnlyList<(PaymentAppointment Appointment, int Minutes)> appointments,
        CancellationToken ct)
    {
        var one = new List<Result<Payment>>(appointments.Count);
        foreach (var (appointment, minutes) in appointments)
        {
            one.Add(await CreateAsync(appointment, minutes, ct));
        }

        return one;
    }
}
