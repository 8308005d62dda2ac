/** English texts of the doctor's prescribing panel (merged into en.ts under "prescriptions"). */
const prescriptionsEn = {
  title: "Prescriptions",
  none: "No prescriptions in this consultation yet.",
  newTitle: "New prescription",
  search: "Medicine (name or active ingredient)",
  searchHint: "Type at least 2 letters.",
  choose: "Choose {{name}}",
  chosen: "Chosen: {{name}}",
  dose: "Dose per intake ({{unit}})",
  route: "Route",
  timesPerDay: "Times a day",
  durationDays: "Duration (days)",
  quantity: "Quantity ({{unit}})",
  refills: "Refills",
  instructions: "Instructions for the patient",
  check: "Check and save draft",
  status: { draft: "Draft", active: "Signed", cancelled: "Cancelled", expired: "Expired" },
  severity: { hard_stop: "Hard stop", warning: "Warning" },
  source: "Source: {{source}}",
  findings: {
    dose_above_range: "Daily dose above the usual range",
    dose_far_above_range: "Daily dose far above the usual range",
    duplicate_therapy: "Duplicate therapy",
    allergy_conflict: "Allergy conflict",
    interaction: "Interaction",
    below_minimum_age: "Below the minimum age",
    new_treatment_needs_in_person_visit:
      "New treatment needs an in-person visit first (Russia, 323-FZ art. 36.2): renewing a medicine the patient already had is allowed",
  },
  overrideReason: "Reason to go ahead",
  override: "Override warning",
  overridden: "Overridden: {{reason}}",
  sign: "Sign prescription",
  signedCode: "Verification code: {{code}}",
  error: "The prescription could not be saved.",
};

export default prescriptionsEn;
