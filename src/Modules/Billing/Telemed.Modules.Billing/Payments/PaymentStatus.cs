namespace Telemed.Modules.Billing.Payments;

/// <summary>
/// Where a visit's payment stands (written by camelCase name in the API):
/// <list type="bullet">
/// <item><c>awaitingPayment</c>: quoted, no card authorised yet (or the last card was declined);</item>
/// <item><c>requiresAction</c>: the card asked for authentication (3-D Secure) and the patient has not finished it;</item>
/// <item><c>authorised</c>: the quote is held on the card, nothing taken;</item>
/// <item><c>captured</c>: money taken (the visit's final amount, or a late-cancellation or no-show fee);</item>
/// <item><c>partiallyRefunded</c> / <c>refunded</c>: some or all of the captured money went back;</item>
/// <item><c>released</c>: the authorisation was cancelled ("voided"): nothing was ever taken;</item>
/// <item><c>unpaid</c>: money is due (the visit took place, or a fee applies) but no card was authorised to take it from.</item>
/// </list>
/// </summary>
public enum PaymentStatus { AwaitingPayment, RequiresAction, Authorised, Captured, PartiallyRefunded, Refunded, Released, Unpaid }

/// <summary>
/// Why a payment was settled the way it was (camelCase in the API): <c>visit</c> (the final amount of a held visit),
/// <c>lateCancellationFee</c>, <c>noShowFee</c>, <c>cancelledInTime</c>, <c>cancelledByClinic</c>, <c>doctorAbsent</c>,
/// <c>technicalFailure</c>, <c>patientLeft</c>, <c>emergencyAdvised</c>, <c>refundedByAdmin</c>.
/// </summary>
public static class SettlementReasons
{
    public const string Visit = "visit";
    public const string LateCancellationFee = "lateCancellationFee";
    public const string NoShowFee = "noShowFee";
    public const string CancelledInTime = "cancelledInTime";
    public const string CancelledByClinic = "cancelledByClinic";
    public const string DoctorAbsent = "doctorAbsent";
    public const string TechnicalFailure = "technicalFailure";
    public const string PatientLeft = "patientLeft";
    public const string EmergencyAdvised = "emergencyAdvised";
    public const string RefundedByAdmin = "refundedByAdmin";
}
