using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Billing.Infrastructure;
using Telemed.Modules.Billing.Payments.Gateways;
using Telemed.Modules.Billing.Pricing;
using Telemed.Modules.Billing.Quotes;
using Telemed.Modules.Billing.Receipts;
using Telemed.Modules.Scheduling.Contracts;

namespace Telemed.Modules.Billing.Payments.Settlement;

/// <summary>
/// Moves a payment's money when the visit's fate is known (issue 14, item 2): captures the final amount after the visit, charges the
/// clinic's fee for a late cancellation or a no-show, releases the hold when the patient cancelled in time or the clinic cancelled,
/// and gives the money back without anyone asking when the visit failed for the clinic's reasons (doctor absent, technical failure).
/// Every gateway call carries an idempotency key derived from the payment (<c>payment:{id}:capture</c>), so a redelivered event or a
/// retry after a crash moves no money twice; every movement is audited. A gateway outage throws
/// <see cref="GatewayUnavailableException"/> so the outbox retries later.
/// </summary>
internal sealed class PaymentSettlement(BillingDbContext db, IPaymentGateway gateway, ReceiptNumbers receipts, AuditScope audit, QuoteCalculator quotes,
    ISchedulingModule scheduling, TimeProvider clock, ILogger<PaymentSettlement> logger)
{
    /// <summary>The visit took place from <paramref name="startedAt"/> to <paramref name="endedAt"/> (UTC): charge what it cost.</summary>
    public async Task VisitCompletedAsync(Guid appointmentId, DateTime startedAt, DateTime endedAt, CancellationToken ct)
    {
        if (await LoadOrParkAsync(PendingSettlement.Completed(appointmentId, startedAt, endedAt, Now), ct) is not { } payment)
        {
            return;
        }

        var final = ConsultationPricing.FinalFor(new Money(payment.HourlyRateMinor, payment.Currency),
            new Quote(new Money(payment.QuoteMinor, payment.Currency), payment.QuotedMinutes, payment.QualificationFactor, payment.IncrementMinutes),
            endedAt - startedAt, payment.ExtensionAgreed, payment.MinimumChargeMinor);
        await ChargeAsync(payment, final.Amount.AmountMinor, SettlementReasons.Visit, final.BilledMinutes, ct);
    }

    /// <summary>
    /// The appointment was cancelled: inside the cutoff by the patient, the clinic's fee (a percentage of the quote) is charged; otherwise
    /// the hold is released.
    /// </summary>
    public async Task AppointmentCancelledAsync(Guid appointmentId, bool byPatient, bool late, CancellationToken ct)
    {
        if (await LoadOrParkAsync(PendingSettlement.Cancelled(appointmentId, byPatient, late, Now), ct) is not { } payment)
        {
            return;
        }

        if (byPatient && late)
        {
            await ChargeAsync(payment, payment.FeeMinor, SettlementReasons.LateCancellationFee, null, ct);
        }
        else
        {
            await ReleaseOrRefundAsync(payment, byPatient ? SettlementReasons.CancelledInTime : SettlementReasons.CancelledByClinic, ct);
        }
    }

    /// <summary>
    /// The consultation failed (<paramref name="reason"/>: the camelCase failure reason). The clinic's side — <c>doctorAbsent</c>,
    /// <c>technicalFailure</c> — and <c>emergencyAdvised</c> or <c>patientLeft</c> (the patient left the queue before the visit began)
    /// release the hold or refund in full; <c>patientAbsent</c> is a no-show and is charged the clinic's fee.
    /// </summary>
    public async Task ConsultationFailedAsync(Guid appointmentId, string reason, CancellationToken ct)
    {
        if (await LoadOrParkAsync(PendingSettlement.Failed(appointmentId, reason, Now), ct) is not { } payment)
        {
            return;
        }

        if (reason == "patientAbsent")
        {
            await ChargeAsync(payment, payment.FeeMinor, SettlementReasons.NoShowFee, null, ct);
            return;
        }

        var settlement = reason switch
        {
            "doctorAbsent" => SettlementReasons.DoctorAbsent,
            "technicalFailure" => SettlementReasons.TechnicalFailure,
            "emergencyAdvised" => SettlementReasons.EmergencyAdvised,
            _ => SettlementReasons.PatientLeft,
        };
        await ReleaseOrRefundAsync(payment, settlement, ct);
    }

    /// <summary>
    /// Refunds <paramref name="amountMinor"/> (minor units) of a captured payment (an administrator's decision, <paramref name="reason"/>
    /// audited): the gateway first, then the refund is recorded in the ledger and saved. Returns the payment as saved, which may be a
    /// fresh copy of <paramref name="payment"/>: when the payment changed meanwhile (a webhook, another refund, a retry of the same
    /// request) it is read again and the gateway's refund recorded against its current state, once (by the gateway's refund id), up to
    /// <see cref="RefundSaveAttempts"/> times. Errors before money moved: 409 <c>billing.payment_invalid_state</c>, 422
    /// <c>billing.refund_too_large</c>, 409 <c>billing.gateway_refused</c>, 503 <c>billing.gateway_unavailable</c>. After: 409
    /// <c>billing.payment_changed</c> when the gateway answered with an earlier refund of another amount (recorded, but not the one
    /// asked for), 409 <c>billing.refund_not_recorded</c> (logged by payment id for an operator) when the payment's current state
    /// cannot take the refund or it kept changing.
    /// <para>
    /// With <paramref name="requestKey"/> (the request's Idempotency-Key) the key is kept with the refund that answered the request, in the
    /// refund's transaction: a retry of a request whose key is kept answers the payment as it is (200) and moves no money, however the
    /// payment changed since; a retry after the gateway refunded but before the save finds the same state, so the gateway replays that
    /// refund and it is recorded once. Two requests with different keys answered by one refund (two administrators, same amount, same
    /// state) both keep their key. The same key for another amount is 422 <c>idempotency.key_reused</c>.
    /// </para>
    /// </summary>
    public async Task<Result<Payment>> RefundAsync(Payment payment, long amountMinor, string reason, string? requestKey, CancellationToken ct)
    {
        if (requestKey is not null && await db.RefundRequestKeys.AsNoTracking().SingleOrDefaultAsync(k => k.PaymentId == payment.Id && k.RequestKey == requestKey, ct) is { } earlier)
        {
            if (earlier.AmountMinor != amountMinor)
            {
                return PaymentErrors.RefundKeyReused;
            }

            logger.LogInformation("Payment {PaymentId} already records the refund of this request ({RefundId}); it is not made again.", payment.Id, earlier.RefundId);
            return payment;
        }

        if (payment.Status is not (PaymentStatus.Captured or PaymentStatus.PartiallyRefunded))
        {
            return PaymentErrors.InvalidTransition(payment.Status, "refunded");
        }

        if (amountMinor <= 0 || amountMinor > payment.CapturedMinor - payment.RefundedMinor)
        {
            return PaymentErrors.RefundTooLarge;
        }

        // Keyed by the amount already refunded: a retry of this refund from the same state replays (also one whose first attempt died
        // between the gateway and the save), a later second refund is a new one, and two administrators refunding from the same state
        // at once make one refund. A retry after the save is answered above, from the request's key.
        var refund = await gateway.RefundAsync(payment.IntentId!, amountMinor, $"payment:{payment.Id:N}:refund:{payment.RefundedMinor}", ct);
        if (!refund.IsSuccess)
        {
            return refund.Error!;
        }

        // The money went back: it is recorded whatever becomes of the administrator's request (ADR 0015).
        var key = requestKey is null || refund.Value.AmountMinor != amountMinor
            ? null
            : new RefundRequestKey { PaymentId = payment.Id, RequestKey = requestKey, AmountMinor = amountMinor, RefundId = refund.Value.RefundId, At = Now };
        var recorded = await RecordRefundAsync(payment, refund.Value, reason, key);
        if (recorded.IsSuccess && refund.Value.AmountMinor != amountMinor)
        {
            // Two refunds from the same state share a key: the gateway answered this one with the other's refund, now in the ledger,
            // and made none of its own (Stripe refuses the key with other parameters instead). The request's key is not kept: it made
            // no refund, so its retry is a new request.
            logger.LogWarning("Payment {PaymentId}: the gateway answered a refund of {AskedMinor} with refund {RefundId} of {AmountMinor} made meanwhile.",
                payment.Id, amountMinor, refund.Value.RefundId, refund.Value.AmountMinor);
            return PaymentErrors.Concurrent;
        }

        return recorded;
    }

    /// <summary>How many times a refund is recorded and saved against a payment that keeps changing (each after reading it again).</summary>
    public const int RefundSaveAttempts = 5;

    private async Task<Result<Payment>> RecordRefundAsync(Payment payment, GatewayRefund refund, string reason, RefundRequestKey? key)
    {
        for (var attempt = 1; ; attempt++)
        {
            switch (RefundRecording.Record(payment, refund, SettlementReasons.RefundedByAdmin, Now))
            {
                case RefundRecording.Outcome.AlreadyRecorded:
                    logger.LogInformation("Payment {PaymentId} already records refund {RefundId}; it is not recorded twice.", payment.Id, refund.RefundId);
                    return await KeepKeyAsync(payment, key);
                case RefundRecording.Outcome.NotRecordable:
                    return NotRecorded(payment, refund, reason,
                        $"it is {PaymentErrors.Name(payment.Status)} with {payment.CapturedMinor - payment.RefundedMinor} left to refund");
                case RefundRecording.Outcome.Recorded:
                    // In the save's transaction: an attempt whose save fails takes its record along, so a refund that ends up not
                    // recorded (or recorded by someone else) leaves no success in the trail beside its failure.
                    db.AuditWithNextSave("payment.refunded", "Payment", payment.Id.ToString(), reason, payment.PatientId);
                    if (key is not null)
                    {
                        db.RefundRequestKeys.Add(key);
                    }

                    break;
            }

            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                return payment;
            }
            catch (DbUpdateException e) when (attempt < RefundSaveAttempts && (e is DbUpdateConcurrencyException || e.IsUniqueViolation()))
            {
                // The payment changed, or the same request saved its key first: the stale payment goes with its new movement, key and
                // outbox rows, and the next attempt records onto what is stored now (where it finds the refund already recorded).
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
            {
                return NotRecorded(payment, refund, reason, $"the payment changed meanwhile {RefundSaveAttempts} times");
            }

            payment = await db.Payments.Include(p => p.Movements).SingleAsync(p => p.Id == payment.Id, CancellationToken.None);
        }
    }

    /// <summary>
    /// Keeps <paramref name="key"/> for a refund the ledger already has (another request's, answered by the same gateway refund), so a
    /// retry of this request is answered too instead of refunding again; a key the same request kept meanwhile is left as it is.
    /// </summary>
    private async Task<Result<Payment>> KeepKeyAsync(Payment payment, RefundRequestKey? key)
    {
        if (key is null)
        {
            return payment;
        }

        db.RefundRequestKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.Entry(key).State = EntityState.Detached;
        }

        return payment;
    }

    private Error NotRecorded(Payment payment, GatewayRefund refund, string reason, string why)
    {
        // Money went back that the ledger does not show: an operator must reconcile it. Ids and amounts only, no PHI.
        logger.LogError("Payment {PaymentId} was refunded {AmountMinor} at the gateway (refund {RefundId}) but the refund could not be recorded: {Why}. Reconcile it by hand.",
            payment.Id, refund.AmountMinor, refund.RefundId, why);
        audit.Record("payment.refunded", AuditOutcome.Failure, "Payment", payment.Id.ToString(), $"{reason} (gateway refund {refund.RefundId} of {refund.AmountMinor} not recorded)",
            subjectPatientId: payment.PatientId);
        return PaymentErrors.RefundNotRecorded;
    }

    /// <summary>
    /// After the gateway reported the intent authorised for a visit already held unpaid: captures the amount due at once.
    /// </summary>
    public async Task CaptureDueAsync(Payment payment, CancellationToken ct)
    {
        if (payment.Status == PaymentStatus.Unpaid && payment.AuthorisedMinor > 0 && payment.AmountDueMinor > 0)
        {
            await CaptureAsync(payment, Math.Min(payment.AmountDueMinor, payment.AuthorisedMinor), payment.SettlementReason ?? SettlementReasons.Visit,
                payment.BilledMinutes, ct);
        }
    }

    private async Task ChargeAsync(Payment payment, long amountMinor, string reason, int? billedMinutes, CancellationToken ct)
    {
        await RefreshAsync(payment, ct);
        switch (payment.Status)
        {
            case PaymentStatus.Authorised when amountMinor > 0:
                await CaptureAsync(payment, Math.Min(amountMinor, payment.AuthorisedMinor), reason, billedMinutes, ct);
                break;
            case PaymentStatus.Authorised:
                await ReleaseOrRefundAsync(payment, reason, ct);
                break;
            case PaymentStatus.AwaitingPayment or PaymentStatus.RequiresAction:
                // Nothing is held: the amount is owed. The open intent stays, so the patient can still pay it.
                payment.MarkDue(amountMinor, reason, billedMinutes, Now);
                Audit(payment, amountMinor > 0 ? "payment.due" : "payment.released", reason);
                await db.SaveChangesAsync(ct);
                break;
            default:
                logger.LogInformation("Payment {PaymentId} is already settled ({Status}); nothing to charge.", payment.Id, payment.Status);
                break;
        }
    }

    private async Task CaptureAsync(Payment payment, long amountMinor, string reason, int? billedMinutes, CancellationToken ct)
    {
        var captured = await gateway.CaptureAsync(payment.IntentId!, amountMinor, $"payment:{payment.Id:N}:capture", ct);
        if (!captured.IsSuccess)
        {
            await ReconcileAfterRefusalAsync(payment, captured.Error!, ct);
            return;
        }

        payment.Capture(captured.Value.AmountCapturedMinor, reason, billedMinutes, Now);
        Audit(payment, "payment.captured", reason);
        await db.SaveChangesAsync(ct);
        if (payment.CapturedMinor > 0)
        {
            // Numbered in capture order; if this fails the first download issues it.
            await receipts.EnsureAsync(payment, ct);
        }
    }

    private async Task ReleaseOrRefundAsync(Payment payment, string reason, CancellationToken ct)
    {
        await RefreshAsync(payment, ct);
        switch (payment.Status)
        {
            case PaymentStatus.AwaitingPayment or PaymentStatus.RequiresAction or PaymentStatus.Authorised:
                if (payment.IntentId is { } intentId)
                {
                    var cancelled = await gateway.CancelAsync(intentId, $"payment:{payment.Id:N}:cancel", ct);
                    if (!cancelled.IsSuccess)
                    {
                        await ReconcileAfterRefusalAsync(payment, cancelled.Error!, ct);
                        return;
                    }
                }

                payment.Release(reason, Now);
                Audit(payment, "payment.released", reason);
                await db.SaveChangesAsync(ct);
                break;
            case PaymentStatus.Unpaid:
                payment.Release(reason, Now);
                await db.SaveChangesAsync(ct);
                break;
            case PaymentStatus.Captured or PaymentStatus.PartiallyRefunded:
                var left = payment.CapturedMinor - payment.RefundedMinor;
                var refund = await gateway.RefundAsync(payment.IntentId!, left, $"payment:{payment.Id:N}:refund:{payment.RefundedMinor}", ct);
                ThrowIfUnavailable(refund.Error);
                if (refund.IsSuccess && payment.Refund(left, reason, refund.Value.RefundId, Now).IsSuccess)
                {
                    Audit(payment, "payment.refunded", reason);
                    await db.SaveChangesAsync(ct);
                }

                break;
        }
    }

    /// <summary>Before moving money, take in what the gateway knows (a webhook may not have arrived yet).</summary>
    private async Task RefreshAsync(Payment payment, CancellationToken ct)
    {
        if (payment.IntentId is null || payment.Status is not (PaymentStatus.AwaitingPayment or PaymentStatus.RequiresAction))
        {
            return;
        }

        var intent = await gateway.GetIntentAsync(payment.IntentId, ct);
        ThrowIfUnavailable(intent.Error);
        if (intent.IsSuccess)
        {
            payment.Apply(intent.Value, Now);
        }
    }

    private async Task ReconcileAfterRefusalAsync(Payment payment, Error error, CancellationToken ct)
    {
        ThrowIfUnavailable(error);
        // The gateway refused: its state is the truth (e.g. the intent was cancelled elsewhere). Take it in and say so.
        var intent = await gateway.GetIntentAsync(payment.IntentId!, ct);
        if (intent.IsSuccess)
        {
            payment.Apply(intent.Value, Now);
            await db.SaveChangesAsync(ct);
        }

        logger.LogWarning("The gateway refused a step on payment {PaymentId} ({Code}); it is now {Status}.", payment.Id, error.Code, payment.Status);
    }

    private static void ThrowIfUnavailable(Error? error)
    {
        if (error?.Code == GatewayErrors.Unavailable.Code)
        {
            throw new GatewayUnavailableException();
        }
    }

    /// <summary>
    /// Applies what was parked for <paramref name="appointmentIds"/> (see <see cref="PendingSettlement"/>) to their payments, which
    /// must exist now, in the order it arrived, and removes it. Called after a payment is saved: a settlement parked before that
    /// save is found here, one parked after it finds the payment itself (<see cref="LoadOrParkAsync"/>). Applying one twice (both
    /// sides at once) changes nothing the second time: each step only moves a payment out of the states it starts from.
    /// </summary>
    public async Task ApplyParkedAsync(IReadOnlyCollection<Guid> appointmentIds, CancellationToken ct)
    {
        var ids = appointmentIds.Distinct().ToList();
        var parked = await db.PendingSettlements.AsNoTracking().Where(p => ids.Contains(p.AppointmentId)).ToListAsync(ct);
        foreach (var settlement in parked.OrderBy(p => p.ParkedAt))
        {
            await (settlement.Kind switch
            {
                PendingSettlement.CancelledKind => AppointmentCancelledAsync(settlement.AppointmentId, settlement.ByPatient, settlement.Late, ct),
                PendingSettlement.CompletedKind => VisitCompletedAsync(settlement.AppointmentId, settlement.StartedAt!.Value, settlement.EndedAt!.Value, ct),
                _ => ConsultationFailedAsync(settlement.AppointmentId, settlement.Reason ?? "", ct),
            });
            await RemoveAsync(settlement, ct);
        }
    }

    /// <summary>
    /// The appointment's payment with its movements; when there is none yet, <paramref name="settlement"/> is parked for it and null
    /// returned. Parked first and looked for again after, as the payment's creation saves first and looks for parked settlements
    /// after (<see cref="ApplyParkedAsync"/>): whichever of the two comes second sees the other's row.
    /// </summary>
    private async Task<Payment?> LoadOrParkAsync(PendingSettlement settlement, CancellationToken ct)
    {
        if (await LoadAsync(settlement.AppointmentId, ct) is { } payment)
        {
            return payment;
        }

        if (!await PaymentExpectedAsync(settlement.AppointmentId, ct))
        {
            return null;
        }

        db.PendingSettlements.Add(settlement);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Delivered again: parked already.
            db.Entry(settlement).State = EntityState.Detached;
        }

        if (await LoadAsync(settlement.AppointmentId, ct) is not { } created)
        {
            return null;
        }

        // The payment was saved meanwhile: settled here; its creation may apply the parked row too, which then changes nothing.
        await RemoveAsync(settlement, ct);
        return created;
    }

    /// <summary>
    /// Whether the appointment will get a payment: it exists and its doctor has a price. A free visit (no rate) never gets one, so
    /// nothing is parked for it.
    /// </summary>
    private async Task<bool> PaymentExpectedAsync(Guid appointmentId, CancellationToken ct) =>
        await scheduling.GetAppointmentAsync(appointmentId, ct) is { } appointment
        && (await quotes.QuoteAsync(appointment.DoctorId, appointment.ClinicId, (int)Math.Round((appointment.End - appointment.Start).TotalMinutes), ct)).IsSuccess;

    private Task RemoveAsync(PendingSettlement settlement, CancellationToken ct) =>
        db.PendingSettlements.Where(p => p.AppointmentId == settlement.AppointmentId && p.Kind == settlement.Kind).ExecuteDeleteAsync(ct);

    private Task<Payment?> LoadAsync(Guid appointmentId, CancellationToken ct) =>
        db.Payments.Include(p => p.Movements).SingleOrDefaultAsync(p => p.AppointmentId == appointmentId, ct);

    private void Audit(Payment payment, string action, string reason) =>
        audit.Record(action, AuditOutcome.Success, "Payment", payment.Id.ToString(), reason, subjectPatientId: payment.PatientId);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

/// <summary>The payment gateway did not answer; the event that asked for the step is retried by the outbox.</summary>
internal sealed class GatewayUnavailableException() : Exception("The payment gateway did not answer.");
