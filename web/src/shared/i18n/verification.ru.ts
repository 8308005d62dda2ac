/** Russian texts of the public verification pages (merged into ru.ts under "verification"). */
const verificationRu = {
  title: "Проверка рецепта",
  valid: "Рецепт действителен",
  invalid: "Рецепт недействителен — не отпускать",
  signatureOk: "Электронная подпись проверена",
  signatureBroken: "Электронная подпись не соответствует документу: он изменён после подписания.",
  status: {
    active: "Действует",
    cancelled: "Врач отменил этот рецепт.",
    expired: "Срок действия рецепта истёк.",
    draft: "Не подписан.",
  },
  medicine: "Препарат",
  quantity: "Количество",
  refills_one: "{{count}} повтор",
  refills_few: "{{count}} повтора",
  refills_many: "{{count}} повторов",
  refills_other: "{{count}} повтора",
  issuedOn: "Дата выписки",
  validUntil: "Действителен до",
  patient: "Пациент",
  patientValue: "{{initials}}, {{year}} г. р.",
  prescriber: "Врач",
  signature: "Подпись",
  dispensing: "Отпуск",
  dispensingStatus: {
    none: "Ещё не отправлен в аптеку",
    sent: "Отправлен в аптеку",
    partiallyDispensed: "Отпущен частично",
    dispensed: "Отпущен",
    declined: "Аптека отказала в отпуске",
  },
};

export default verificationRu;
