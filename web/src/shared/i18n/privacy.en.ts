/** English texts of the patient's privacy page (merged into en.ts under "privacy"). */
const privacyEn = {
  nav: "Privacy",
  title: "Privacy",
  accessReport: {
    title: "Who opened my record",
    intro: "Every time a member of the clinic's staff opened your record, from the clinic's audit trail. Your own visits are not listed.",
    includeRefusals: "Also show attempts that were refused",
    none: "Nobody from the clinic's staff has opened your record in this period.",
    when: "When",
    who: "Who",
    role: "Role",
    what: "What was opened",
    how: "Access",
    unknownStaff: "A former staff member",
    breakGlass: "emergency access",
    kinds: { opened: "Opened", emergencyAccess: "Emergency access granted", refused: "Refused" },
  },
  consents: {
    title: "My consents",
    kinds: { treatment: "Treatment", dataProcessing: "Processing of my data", recording: "Recording of consultations", notifications: "Reminders and messages" },
    status: {
      notGiven: "Not given",
      given: "Given",
      withdrawn: "Withdrawn",
      renewalNeeded: "The text has changed — please read it and answer again",
    },
    version: "Version {{version}}, published {{when}}",
    give: "I agree: {{what}}",
    withdraw: "Withdraw consent: {{what}}",
    history: "History of my answers",
    gaveOn: "Gave consent to version {{version}} on {{when}}",
    withdrewOn: "Withdrew consent (version {{version}}) on {{when}}",
  },
};

export default privacyEn;
