/** English texts of the clinics' public pages (merged into en.ts under "clinicPages"). */
const clinicPagesEn = {
  title: "Our clinics",
  nav: "Our clinics",
  none: "No clinics yet.",
  back: "All clinics",
  signIn: "Sign in or create an account to book",
  phone: "Phone",
  email: "E-mail",
  hours: "Opening hours",
  sections: {
    services: "Services",
    visitTypes: "Visit types and prices",
    faq: "Frequently asked questions",
    contacts: "Contacts",
  },
};

export default clinicPagesEn;
