/** English texts of the doctor's desk: follow-up booking and today's agenda (merged into en.ts under "doctorDesk"). */
const doctorDeskEn = {
  kinds: {
    video: "Video",
    inPerson: "In person",
    chat: "Chat",
  },
  followUp: {
    title: "Book a follow-up",
    hint: "Pick a time in your own calendar; the patient gets the usual booking notice and sees it in My appointments.",
    kind: "Visit kind",
    interval: "When",
    in7: "In 1 week",
    in14: "In 2 weeks",
    in28: "In 1 month",
    in91: "In 3 months",
    time: "Free times in your calendar",
    noSlots: "No free times in these two weeks. Choose another interval or visit kind.",
    book: "Book follow-up",
    bookWhy: "Pick one of the times above first.",
    booked: "Follow-up booked: {{when}}, {{clinic}}.",
    open: "Open the appointment",
  },
  nextPatient: {
    none: "Nobody is waiting now.",
    opening: "Opening the next patient…",
  },
  agenda: {
    homeTitle: "Your day",
    title: "Today",
    intro: "Your visits today, in your time zone ({{zone}}).",
    empty: "No visits today.",
    visits: "Visits today",
    onCall: "Waiting on call",
    reviews: "Review requests",
    openQueue: "Open the queue",
    openReviews: "Open review requests",
    join: "Join",
    open: "Open",
    listLabel: "Today's visits",
    status: {
      booked: "Booked",
      confirmed: "Confirmed",
      checkedIn: "Checked in",
      completed: "Completed",
      cancelled: "Cancelled",
      noShow: "No-show",
    },
  },
};

export default doctorDeskEn;
