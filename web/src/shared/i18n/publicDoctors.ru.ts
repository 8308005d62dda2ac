import type publicDoctorsEn from "./publicDoctors.en";

/** Русские тексты публичных страниц врачей и записи из профиля (в ru.ts под ключом "publicDoctors"). */
const publicDoctorsRu: Record<keyof typeof publicDoctorsEn, string> = {
  findDoctor: "Найти врача",
  clinic: "Клиника",
  anyClinic: "Любая клиника",
  nextTimes: "Ближайшее свободное время",
  timesShownIn: "Время указано в вашем часовом поясе ({{zone}}).",
  visitLengthAndPrice: "Приём: {{minutes}}, {{price}}",
  timesUnavailable: "Не удалось загрузить свободное время. Обновите страницу.",
  pickTime: "Записаться на приём ({{kind}}) к врачу {{doctor}}: {{day}}, {{time}}",
  moreTimes: "Всё свободное время",
  photoOf: "Фото: {{doctor}}",
  signInToBook: "Войдите или зарегистрируйтесь, чтобы записаться; выбранное время сохранится.",
  pickedTimeGone: "Выбранное время уже занято. Выберите другое.",
  pastConsultationsTitle: "Прошедшие срочные консультации",
  pastConsultationsNone: "Срочных консультаций пока не было.",
  onDemandWith: "Срочная консультация ({{kind}}), врач: {{doctor}}",
  onDemandNoDoctor: "Срочная консультация ({{kind}})",
  consultationCompleted: "Состоялась",
  consultationFailed: "Не состоялась",
  lasted: "Длительность: {{minutes}}",
  openConversation: "Открыть переписку",
};

export default publicDoctorsRu;
