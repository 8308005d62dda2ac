using Telemed.BuildingBlocks.Auditing;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Results;
using Telemed.Modules.Billing.Contracts;
using Telemed.Modules.Billing.Payments.Gateways;

namespace Telemed.Modules.Billing.Payments;

/// <summary>
/// The payment of one booked visit (issue 14, item 2): quoted at booking, authorised on the patient's card, then captured for the
/// visit's final amount, released, charged a fee or refunded. It guards its transitions (<see cref="PaymentStatus"/>) and records
/// every movement of money in <see cref="Movements"/>. Amounts are minor units of <see cref="Currency"/>; instants are UTC.
/// One payment per appointment, and one per idempotency key (<c>appointment:{id}</c>), both enforced by unique indexes.
/// </summary>
public sealed class Payment : AggregateRoot, IPhiRecord
{
    private readonly List<PaymentMovement> _movements = [];

    private Payment() { }

    public Guid Id { get; private set; }
    public string IdempotencyKey { get; private set; } = "";
    public Guid AppointmentId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid DoctorId { get; private set; }
    public Guid DoctorUserId { get; private set; }
    public Guid ClinicId { get; private set; }
    public string Kind { get; private set; } = "";
    public DateTime VisitStart { get; private set; }
    public string Currency { get; private set; } = "";
    public long QuoteMinor { get; private set; }
    public int QuotedMinutes { get; private set; }
    public long HourlyRateMinor { get; private set; }
    public decimal QualificationFactor { get; private set; }
    public int IncrementMinutes { get; private set; }
    public long MinimumChargeMinor { get; private set; }
    public int LateCancellationFeePercent { get; private set; }
    public bool ExtensionAgreed { get; private set; }
    public PaymentStatus Status { get; private set; }
    public string? Gateway { get; private set; }
    public string? IntentId { get; private set; }
    /// <summary>The browser's handle to confirm the card with the gateway; stored encrypted, shown only to the payer.</summary>
    public string? ClientSecret { get; private set; }
    public long AuthorisedMinor { get; private set; }
    public long CapturedMinor { get; private set; }
    public long RefundedMinor { get; private set; }
    /// <summary>What is owed but not yet taken (a visit or fee while no card was authorised); 0 when nothing is due.</summary>
    public long AmountDueMinor { get; private set; }
    public int? BilledMinutes { get; private set; }
    public string? DeclineCode { get; private set; }
    public string? CardBrand { get; private set; }
    public string? CardLast4 { get; private set; }
    /// <summary>
    /// Why the payment was settled as it was (<see cref="SettlementReasons"/>): what the money was taken for once captured (the visit, a
    /// fee), also after refunds; why nothing was taken once released. Refunds keep their reasons in the ledger (<see cref="Movements"/>).
    /// </summary>
    public string? SettlementReason { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<PaymentMovement> Movements => _movements;

    // That a patient saw a doctor, and paid, is the patient's data: every load is audited as a PHI read.
    string IPhiRecord.AuditRecordType => "Payment";
    Guid IPhiRecord.AuditRecordId => Id;
    Guid? IPhiRecord.AuditPatientId => PatientId;

    public PaymentQuote Quote => new(QuoteMinor, Currency, QuotedMinutes, HourlyRateMinor, QualificationFactor, IncrementMinutes, MinimumChargeMinor,
        LateCancellationFeePercent);

    /// <summary>
    /// The clinic's fee for a late cancellation by the patient or a no-show, in minor units: the stored fee percentage of the quote,
    /// rounded half away from zero to a minor unit. What the settlement charges, and what the payer is told before cancelling.
    /// </summary>
    public long FeeMinor => (long)Math.Round(QuoteMinor * (decimal)LateCancellationFeePercent / 100m, 0, MidpointRounding.AwayFromZero);

    /// <summary>What the payer may still be asked to authorise: the quote while nothing is held, the amount due once the visit took place unpaid.</summary>
    public long AmountToAuthoriseMinor => Status == PaymentStatus.Unpaid ? AmountDueMinor : QuoteMinor;

    /// <summary>A new payment awaiting the patient's card, for <paramref name="appointment"/> at the price <paramref name="quote"/>.</summary>
    public static Payment ForAppointment(PaymentAppointment appointment, PaymentQuote quote, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        IdempotencyKey = $"appointment:{appointment.AppointmentId:N}",
        AppointmentId = appointment.AppointmentId,
        PatientId = appointment.PatientId,
        DoctorId = appointment.DoctorId,
        DoctorUserId = appointment.DoctorUserId,
        ClinicId = appointment.ClinicId,
        Kind = appointment.Kind,
        VisitStart = appointment.Start,
        Currency = quote.Currency,
        QuoteMinor = quote.AmountMinor,
        QuotedMinutes = quote.Minutes,
        HourlyRateMinor = quote.HourlyRateMinor,
        QualificationFactor = quote.QualificationFactor,
        IncrementMinutes = quote.IncrementMinutes,
        MinimumChargeMinor = quote.MinimumChargeMinor,
        LateCancellationFeePercent = quote.LateCancellationFeePercent,
        Status = PaymentStatus.AwaitingPayment,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// Whether the payer may still start or retry a card payment: while nothing is held (awaiting a card, or its authentication), and
    /// while money is due but no card holds it (<see cref="PaymentStatus.Unpaid"/> with nothing authorised) — also once an intent was
    /// opened for it: the patient who opened the payment step and left must still be able to pay what is due.
    /// </summary>
    public bool AcceptsCard => Status is PaymentStatus.AwaitingPayment or PaymentStatus.RequiresAction || (Status == PaymentStatus.Unpaid && AuthorisedMinor == 0);

    /// <summary>
    /// Links the gateway's intent the browser will confirm (the first one, or a fresh one replacing an intent that can no longer be
    /// confirmed); 409 <c>billing.nothing_to_pay</c> when the payment no longer takes a card.
    /// </summary>
    public Result AttachIntent(string gateway, GatewayIntent intent, DateTime now)
    {
        if (!AcceptsCard)
        {
            return PaymentErrors.NothingToPay;
        }

        if (!string.Equals(IntentId, intent.IntentId, StringComparison.Ordinal))
        {
            // A replaced intent's last decline belongs to it, not to the fresh one.
            DeclineCode = intent.DeclineCode;
        }

        Gateway = gateway;
        IntentId = intent.IntentId;
        ClientSecret = intent.ClientSecret;
        Touch(now);
        return Result.Success;
    }

    /// <summary>
    /// Takes in what the gateway says of the intent (after the browser's confirmation, or from a webhook). Only forward moves apply:
    /// a late or repeated report of an earlier state changes nothing, so webhooks may arrive in any order and any number of times.
    /// </summary>
    public void Apply(GatewayIntent intent, DateTime now)
    {
        if (!string.Equals(intent.IntentId, IntentId, StringComparison.Ordinal))
        {
            return;
        }

        CardBrand = intent.CardBrand ?? CardBrand;
        CardLast4 = intent.CardLast4 ?? CardLast4;
        switch (intent.Status)
        {
            case GatewayIntentStatus.RequiresPaymentMethod when Status is PaymentStatus.AwaitingPayment or PaymentStatus.RequiresAction:
                Status = PaymentStatus.AwaitingPayment;
                DeclineCode = intent.DeclineCode;
                Touch(now);
                break;
            case GatewayIntentStatus.RequiresPaymentMethod when Status == PaymentStatus.Unpaid && AuthorisedMinor == 0:
                // A card declined for what is due: it stays due, and the payer is told why.
                DeclineCode = intent.DeclineCode;
                Touch(now);
                break;
            case GatewayIntentStatus.RequiresAction when Status == PaymentStatus.AwaitingPayment:
                Status = PaymentStatus.RequiresAction;
                Touch(now);
                break;
            case GatewayIntentStatus.Authorised when Status is PaymentStatus.AwaitingPayment or PaymentStatus.RequiresAction or PaymentStatus.Unpaid:
                // An unpaid visit paid afterwards stays due: the settlement captures the amount due at once.
                Status = Status == PaymentStatus.Unpaid ? PaymentStatus.Unpaid : PaymentStatus.Authorised;
                AuthorisedMinor = intent.AmountMinor;
                DeclineCode = null;
                Move("authorised", intent.AmountMinor, SettlementReasons.Visit, intent.IntentId, now);
                Raise(new PaymentAuthorised(Id, AppointmentId, PatientId, ClinicId, intent.AmountMinor, Currency, now));
                break;
            case GatewayIntentStatus.Captured when Status == PaymentStatus.Authorised:
                Captured(intent.AmountCapturedMinor, SettlementReason ?? SettlementReasons.Visit, intent.IntentId, now);
                break;
            case GatewayIntentStatus.Cancelled when Status is PaymentStatus.AwaitingPayment or PaymentStatus.RequiresAction or PaymentStatus.Authorised:
                Released(SettlementReason ?? SettlementReasons.CancelledByClinic, now);
                break;
        }
    }

    /// <summary>Records that <paramref name="amountMinor"/> was captured (the final amount or a fee); 409 unless authorised.</summary>
    public Result Capture(long amountMinor, string reason, int? billedMinutes, DateTime now)
    {
        if (Status is not (PaymentStatus.Authorised or PaymentStatus.Unpaid) || AuthorisedMinor <= 0)
        {
            return PaymentErrors.InvalidTransition(Status, "captured");
        }

        BilledMinutes = billedMinutes ?? BilledMinutes;
        Captured(amountMinor, reason, IntentId, now);
        return Result.Success;
    }

    /// <summary>Records that the authorisation (or the unconfirmed intent) was cancelled: nothing taken. 409 once money moved.</summary>
    public Result Release(string reason, DateTime now)
    {
        if (Status is not (PaymentStatus.AwaitingPayment or PaymentStatus.RequiresAction or PaymentStatus.Authorised))
        {
            return PaymentErrors.InvalidTransition(Status, "released");
        }

        Released(reason, now);
        return Result.Success;
    }

    /// <summary>Records that money is owed while no card is authorised (a visit held unpaid, or a fee); 409 in any other state.</summary>
    public Result MarkDue(long amountMinor, string reason, int? billedMinutes, DateTime now)
    {
        if (Status is not (PaymentStatus.AwaitingPayment or PaymentStatus.RequiresAction))
        {
            return PaymentErrors.InvalidTransition(Status, "marked as due");
        }

        Status = amountMinor > 0 ? PaymentStatus.Unpaid : PaymentStatus.Released;
        AmountDueMinor = amountMinor;
        BilledMinutes = billedMinutes;
        SettlementReason = reason;
        Touch(now);
        return Result.Success;
    }

    /// <summary>
    /// Records a refund of <paramref name="amountMinor"/> (gateway refund <paramref name="refundId"/>); 422 above what is left to refund.
    /// </summary>
    public Result Refund(long amountMinor, string reason, string refundId, DateTime now)
    {
        if (Status is not (PaymentStatus.Captured or PaymentStatus.PartiallyRefunded))
        {
            return PaymentErrors.InvalidTransition(Status, "refunded");
        }

        if (amountMinor <= 0 || amountMinor > CapturedMinor - RefundedMinor)
        {
            return PaymentErrors.RefundTooLarge;
        }

        RefundedMinor += amountMinor;
        Status = RefundedMinor == CapturedMinor ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
        // The settlement reason stays what the money was taken for (the visit, a fee): a refund is a movement of its own with its own
        // reason, which the payer reads beside it (PaymentView.Refunds). Replacing it made a refunded fee read "Refunded by the clinic".
        Move("refunded", amountMinor, reason, refundId, now);
        Raise(new PaymentRefunded(Id, AppointmentId, PatientId, ClinicId, amountMinor, Currency, reason, now, SettlementReason));
        return Result.Success;
    }

    /// <summary>The refunds in the ledger, oldest first (each with its amount in minor units, reason and UTC instant); needs <see cref="Movements"/> loaded.</summary>
    public IReadOnlyList<PaymentMovement> RefundMovements() => [.. _movements.Where(m => m.Type == "refunded").OrderBy(m => m.At)];

    /// <summary>Whether <paramref name="refundId"/> is already in the ledger (a retried refund records once).</summary>
    public bool HasMovement(string type, string reference) =>
        _movements.Any(m => m.Type == type && string.Equals(m.GatewayReference, reference, StringComparison.Ordinal));

    private void Captured(long amountMinor, string reason, string? reference, DateTime now)
    {
        Status = amountMinor > 0 ? PaymentStatus.Captured : PaymentStatus.Released;
        CapturedMinor = amountMinor;
        AmountDueMinor = 0;
        SettlementReason = reason;
        if (amountMinor > 0)
        {
            Move("captured", amountMinor, reason, reference, now);
            Raise(new PaymentCaptured(Id, AppointmentId, PatientId, ClinicId, amountMinor, Currency, reason, now));
        }
        else
        {
            Move("released", AuthorisedMinor, reason, reference, now);
        }
    }

    private void Released(string reason, DateTime now)
    {
        var held = Status == PaymentStatus.Authorised ? AuthorisedMinor : 0;
        Status = PaymentStatus.Released;
        SettlementReason = reason;
        AmountDueMinor = 0;
        if (held > 0)
        {
            Move("released", held, reason, IntentId, now);
        }

        Raise(new PaymentReleased(Id, AppointmentId, PatientId, ClinicId, held, Currency, reason, now));
    }

    private void Move(string type, long amountMinor, string reason, string? reference, DateTime now)
    {
        _movements.Add(new PaymentMovement
        {
            Id = Guid.NewGuid(), PaymentId = Id, ClinicId = ClinicId, DoctorId = DoctorId, Type = type, AmountMinor = amountMinor, Currency = Currency, Reason = reason, At = now,
            GatewayReference = reference,
        });
        Touch(now);
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>The appointment a payment is for, as scheduling told billing (ids, the visit kind's camelCase name, UTC start).</summary>
public sealed record PaymentAppointment(Guid AppointmentId, Guid PatientId, Guid DoctorId, Guid DoctorUserId, Guid ClinicId, string Kind, DateTime Start);
