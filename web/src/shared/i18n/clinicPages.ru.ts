import type clinicPagesEn from "./clinicPages.en";

/** Russian texts of the clinics' public pages. */
const clinicPagesRu: typeof clinicPagesEn = {
  title: "Наши клиники",
  nav: "Наши клиники",
  none: "Клиник пока нет.",
  back: "Все клиники",
  signIn: "Войдите или создайте аккаунт, чтобы записаться",
  phone: "Телефон",
  email: "Эл. почта",
  hours: "Часы работы",
  sections: {
    services: "Услуги",
    visitTypes: "Виды приёма и цены",
    faq: "Частые вопросы",
    contacts: "Контакты",
  },
};

export default clinicPagesRu;
