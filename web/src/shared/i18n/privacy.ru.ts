import type privacyEn from "./privacy.en";

/** Russian texts of the patient's privacy page (merged into ru.ts under "privacy"). */
const privacyRu: typeof privacyEn = {
  nav: "Конфиденциальность",
  title: "Конфиденциальность",
  accessReport: {
    title: "Кто открывал мою карту",
    intro: "Каждый раз, когда сотрудник клиники открывал вашу медицинскую карту, по журналу аудита клиники. Ваши собственные просмотры не показаны.",
    includeRefusals: "Показать и отклонённые попытки",
    none: "За этот период никто из сотрудников клиники не открывал вашу карту.",
    when: "Когда",
    who: "Кто",
    role: "Роль",
    what: "Что открыто",
    how: "Доступ",
    unknownStaff: "Бывший сотрудник",
    breakGlass: "экстренный доступ",
    kinds: { opened: "Открыто", emergencyAccess: "Предоставлен экстренный доступ", refused: "Отказано" },
  },
  consents: {
    title: "Мои согласия",
    kinds: { treatment: "Медицинское вмешательство", dataProcessing: "Обработка моих данных", recording: "Запись консультаций", notifications: "Напоминания и сообщения" },
    status: {
      notGiven: "Не дано",
      given: "Дано",
      withdrawn: "Отозвано",
      renewalNeeded: "Текст изменился — прочитайте его и ответьте снова",
    },
    version: "Версия {{version}}, опубликована {{when}}",
    give: "Я согласен(на): {{what}}",
    withdraw: "Отозвать согласие: {{what}}",
    history: "История моих ответов",
    gaveOn: "Дано согласие на версию {{version}} — {{when}}",
    withdrewOn: "Согласие отозвано (версия {{version}}) — {{when}}",
  },
};

export default privacyRu;
