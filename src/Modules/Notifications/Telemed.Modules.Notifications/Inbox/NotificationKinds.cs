using Telemed.Modules.Notifications.Contracts;

namespace Telemed.Modules.Notifications.Inbox;

/// <summary>
/// The kinds of in-app notification, as stored and as the web app receives them. The list is open: results and prescriptions
/// add their own kinds later (a kind is a string of at most 32 characters, not an enum, so old rows stay readable). Each kind
/// belongs to one preference topic (<see cref="TopicOf"/>).
/// </summary>
internal static class NotificationKinds
{
    public const string Message = "message";
    public const string ClinicMessage = "clinic_message";
    public const string BookingCreated = "booking_created";
    public const string BookingRescheduled = "booking_rescheduled";
    public const string BookingCancelled = "booking_cancelled";
    public const string ReviewRequest = "review_request";
    public const string WaitlistOffer = "waitlist_offer";
    public const string Result = "result";
    public const string Prescription = "prescription";
    public const string PaymentRefunded = "payment_refunded";
    public const string PaymentCaptured = "payment_captured";

    public const int MaxLength = 32;

    /// <summary>Every kind this version writes.</summary>
    public static readonly IReadOnlyList<string> All =
        [Message, ClinicMessage, BookingCreated, BookingRescheduled, BookingCancelled, ReviewRequest, WaitlistOffer, Result, Prescription, PaymentRefunded,
         PaymentCaptured];

    /// <summary>The preference topic a kind is switched by: <c>messages</c>, <c>bookings</c>, <c>reminders</c>, <c>results</c> or <c>prescriptions</c>.</summary>
    public static string TopicOf(string kind) => kind switch
    {
        Message or ClinicMessage or ReviewRequest => NotificationTopics.Messages,
        BookingCreated or BookingRescheduled or BookingCancelled or WaitlistOffer or PaymentRefunded or PaymentCaptured => NotificationTopics.Bookings,
        Result => NotificationTopics.Results,
        Prescription => NotificationTopics.Prescriptions,
        _ => NotificationTopics.Messages,
    };
}
