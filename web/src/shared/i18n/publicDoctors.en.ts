/** English texts of the public doctor pages and booking from a profile (merged into en.ts under "publicDoctors"). */
const publicDoctorsEn = {
  findDoctor: "Find a doctor",
  clinic: "Clinic",
  anyClinic: "Any clinic",
  nextTimes: "Next free times",
  timesShownIn: "Times are shown in your time zone ({{zone}}).",
  visitLengthAndPrice: "Visit: {{minutes}}, {{price}}",
  timesUnavailable: "Free times could not be loaded. Reload the page to try again.",
  pickTime: "Book {{kind}} visit with {{doctor}} on {{day}} at {{time}}",
  moreTimes: "All free times",
  photoOf: "Photo of {{doctor}}",
  signInToBook: "Sign in or register to book; you will come back to the time you picked.",
  pickedTimeGone: "The time you picked is no longer free. Choose another one.",
  pastConsultationsTitle: "Past on-demand consultations",
  pastConsultationsNone: "No on-demand consultations yet.",
  onDemandWith: "On-demand {{kind}} consultation with {{doctor}}",
  onDemandNoDoctor: "On-demand {{kind}} consultation",
  consultationCompleted: "Completed",
  consultationFailed: "Did not take place",
  lasted: "Duration: {{minutes}}",
  openConversation: "Open the conversation",
};

export default publicDoctorsEn;
