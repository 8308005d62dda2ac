import type pharmacyEn from "./pharmacy.en";

type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

/** Тексты кабинета фармацевта и аптек (входят в ru.ts под ключом "pharmacy"). */
const pharmacyRu: Texts<typeof pharmacyEn> = {
  portal: {
    noMembership: "Ваша учётная запись ещё не привязана к аптеке. Попросите администратора добавить вас.",
    sentHere: "Отправлены в эту аптеку",
    noneSent: "В эту аптеку пока не отправили ни одного рецепта.",
    findTitle: "Найти рецепт",
    code: "Код проверки",
    codeHint: "Введите код под QR-кодом или вставьте отсканированную ссылку целиком.",
    find: "Найти",
    signatureValid: "Подпись проверена: рецепт в том виде, в каком его подписал врач.",
    signatureInvalid: "Подпись не проходит проверку. Не отпускайте, свяжитесь с врачом.",
    patient: "Пациент (инициалы, год рождения)",
    prescriber: "Врач",
    medicine: "Препарат",
    dosage: "Дозировка",
    quantity: "Назначено",
    validUntil: "Действителен до",
    prescriptionStatus: "Рецепт",
    dispensingStatus: "В аптеке",
    remaining: "Осталось",
    presentedByCode: "Предъявлен по QR-коду (не отправлялся в эту аптеку).",
    dispenseQuantity: "Сколько отпустить ({{unit}})",
    dispenseAll: "Отпустить всё",
    dispensePart: "Отпустить часть",
    dispensed: "Записано. Пациент и врач получат уведомление.",
    declineReason: "Причина отказа",
    decline: "Отказать",
    declined: "Отказ записан. Пациент и врач получат уведомление.",
  },
  status: {
    none: "Не отправлен",
    sent: "Отправлен в аптеку",
    partiallyDispensed: "Отпущен частично",
    dispensed: "Отпущен",
    declined: "Отказано",
  },
  prescriptionStatus: {
    active: "Действует",
    cancelled: "Отменён",
    expired: "Истёк",
  },
  errors: {
    "pharmacy.not_found": "Для этой аптеки такого рецепта нет. Проверьте код.",
    "pharmacy.prescription_not_active": "Рецепт не действует (отменён или истёк). Не отпускайте.",
    "pharmacy.signature_invalid": "Подпись не проходит проверку. Не отпускайте, свяжитесь с врачом.",
    "pharmacy.quantity_exceeds_remaining": "Это больше, чем осталось по рецепту.",
    "pharmacy.already_dispensed": "Рецепт уже отпущен полностью.",
    "pharmacy.dispensing_conflict": "Кто-то отпустил этот рецепт в тот же момент. Обновите и проверьте остаток.",
    "pharmacy.reason_required": "Укажите причину отказа (не более 500 символов).",
  },
};

export default pharmacyRu;
