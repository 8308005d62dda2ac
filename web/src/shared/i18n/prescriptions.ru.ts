import type prescriptionsEn from "./prescriptions.en";

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

/** Russian texts of the doctor's prescribing panel. */
const prescriptionsRu: DeepStrings<typeof prescriptionsEn> = {
  mine: {
    title: "Мои рецепты",
    none: "Рецептов пока нет. Здесь появятся рецепты, подписанные врачом.",
    details: "{{quantity}} · {{prescriber}} · выписан {{issued}} · действителен до {{until}}",
    pdf: "Скачать PDF",
    pharmacy: "Выбрать аптеку",
    refill: "Запросить повтор",
    dispensingAt: "{{status}} · {{pharmacy}}",
  },
  title: "Рецепты",
  none: "В этой консультации рецептов пока нет.",
  newTitle: "Новый рецепт",
  search: "Препарат (название или действующее вещество)",
  searchHint: "Введите не меньше 2 букв.",
  choose: "Выбрать {{name}}",
  chosen: "Выбрано: {{name}}",
  dose: "Доза на приём ({{unit}})",
  route: "Путь введения",
  timesPerDay: "Раз в день",
  durationDays: "Длительность (дней)",
  quantity: "Количество ({{unit}})",
  refills: "Повторные отпуски",
  instructions: "Указания пациенту",
  check: "Проверить и сохранить черновик",
  units: { mg: "мг", g: "г", microgram: "мкг", micrograms: "мкг", mcg: "мкг", ml: "мл", IU: "МЕ", unit: "ЕД", units: "ЕД", drop: "кап.", drops: "кап.", tablet: "таб.", tablets: "таб.", capsule: "капс.", capsules: "капс.", puff: "ингал.", puffs: "ингал.", sachet: "пак.", sachets: "пак.", inhaler: "ингал.", inhalers: "ингал.", pack: "уп.", packs: "уп." },
  routes: { oral: "внутрь", inhalation: "ингаляционно", topical: "наружно", cutaneous: "наружно", sublingual: "под язык", buccal: "за щеку", rectal: "ректально", vaginal: "вагинально", nasal: "интраназально", intramuscular: "внутримышечно", intravenous: "внутривенно", subcutaneous: "подкожно", transdermal: "трансдермально", ophthalmic: "в глаза", otic: "в уши" },
  status: { draft: "Черновик", active: "Подписан", cancelled: "Отменён", expired: "Истёк" },
  severity: { hard_stop: "Запрет", warning: "Предупреждение" },
  source: "Источник: {{source}}",
  findings: {
    dose_above_range: "Суточная доза выше обычной",
    dose_far_above_range: "Суточная доза намного выше обычной",
    dose_below_range: "Суточная доза ниже обычной",
    duplicate_therapy: "Дублирование терапии",
    allergy_conflict: "Конфликт с аллергией",
    interaction: "Взаимодействие",
    below_minimum_age: "Пациент младше допустимого возраста",
    new_treatment_needs_in_person_visit:
      "Новое лечение возможно только после очного приёма (323-ФЗ, ст. 36.2); продлить препарат, который пациент уже получал, можно",
  },
  overrideReason: "Причина продолжить",
  override: "Отклонить предупреждение",
  overridden: "Отклонено: {{reason}}",
  overrideReasons: {
    refill: "Повторная выписка действующего рецепта пациента, одобренная врачом.",
  },
  sign: "Подписать рецепт",
  withdraw: "Отозвать рецепт",
  withdrawReason: "Причина отзыва",
  withdrawConfirm: "Отозвать",
  withdrawKeep: "Оставить",
  signedCode: "Код проверки: {{code}}",
  error: "Не удалось сохранить рецепт.",
};

export default prescriptionsRu;
