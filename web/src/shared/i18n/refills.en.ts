/** English texts of refill requests (merged into en.ts under "refills"). */
const refillsEn = {
  nav: { patient: "Prescriptions", doctor: "Refill requests" },
  cancel: "Cancel",
  status: { requested: "Waiting for the doctor", approved: "Approved", declined: "Declined" },
  prescriptionStatus: { active: "Active", expired: "Expired", cancelled: "Cancelled" },
  patient: {
    title: "My prescriptions",
    none: "You have no prescriptions yet.",
    issued: "Issued by {{who}} on {{when}}",
    request: "Request a refill",
    note: "Note for the doctor (optional)",
    send: "Send request",
    waiting: "Refill requested — waiting for the doctor.",
    requests: "My refill requests",
    reason: "Doctor's reason: {{reason}}",
  },
  doctor: {
    title: "Tasks: refill requests",
    none: "No refill requests are waiting.",
    decided: "Decided",
    requestedAt: "Requested on {{when}}",
    note: "Patient's note: {{note}}",
    approve: "Approve",
    approving: "Approving…",
    decline: "Decline",
    reason: "Reason (the patient will read it)",
    confirmDecline: "Decline request",
    declining: "Declining…",
    declineWhy: "Write the reason (at least 3 characters): the patient reads it.",
    draftReady: "A new prescription with the same content is drafted. Sign it to approve the refill; the checks run again.",
    sign: "Sign the new prescription",
    signing: "Signing…",
    signed: "Signed. The patient will be told.",
  },
};

export default refillsEn;
