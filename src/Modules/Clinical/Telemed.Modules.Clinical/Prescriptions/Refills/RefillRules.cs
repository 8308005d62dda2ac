using Telemed.Modules.Clinical.Contracts;

namespace Telemed.Modules.Clinical.Prescriptions.Refills;

/// <summary>When a patient may ask for a refill.</summary>
internal static class RefillRules
{
    /// <summary>Only a prescription that is active at <paramref name="now"/> (UTC) can be refilled: not a draft, not cancelled, not expired.</summary>
    public static bool PrescriptionIsRefillable(Prescription prescription, DateTime now) => prescription.StatusAt(now) == PrescriptionStatuses.Active;

    /// <summary>
    /// A waiting request may be approved while its original is not cancelled: a doctor who withdrew the therapy must not restart it
    /// by approving. An original that expired while the request waited still may be (the patient asked in time; running out is
    /// the usual reason to ask).
    /// </summary>
    public static bool OriginalStillStands(Prescription original) => original.Status == PrescriptionStatuses.Active;

    /// <summary>One open request per prescription: a second one while the first waits is refused.</summary>
    public static bool AnotherRequestIsOpen(IEnumerable<RefillRequest> requestsForThePrescription) => requestsForThePrescription.Any(r => r.IsOpen);
}
