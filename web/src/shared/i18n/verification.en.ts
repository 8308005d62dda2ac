/** English texts of the public verification pages (merged into en.ts under "verification"). */
const verificationEn = {
  title: "Prescription check",
  valid: "Valid prescription",
  invalid: "Not valid — do not dispense",
  signatureOk: "Electronic signature verified",
  signatureBroken: "The electronic signature does not match the document: it was changed after signing.",
  status: {
    active: "Active",
    cancelled: "The prescriber cancelled this prescription.",
    expired: "This prescription has expired.",
    draft: "Not signed.",
  },
  medicine: "Medicine",
  quantity: "Quantity",
  refills_one: "{{count}} repeat allowed",
  refills_other: "{{count}} repeats allowed",
  issuedOn: "Issued on",
  validUntil: "Valid until",
  patient: "Patient",
  patientValue: "{{initials}}, born {{year}}",
  prescriber: "Prescriber",
  signature: "Signature",
  dispensing: "Dispensing",
  dispensingStatus: {
    none: "Not sent to a pharmacy yet",
    sent: "Sent to a pharmacy",
    partiallyDispensed: "Partly dispensed",
    dispensed: "Dispensed",
    declined: "Declined by a pharmacy",
  },
};

export default verificationEn;
