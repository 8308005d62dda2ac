/** Russian texts of refill requests (merged into ru.ts under "refills"). */
const refillsRu = {
  nav: { patient: "Рецепты", doctor: "Продление рецептов" },
  cancel: "Отмена",
  status: { requested: "Ждёт решения врача", approved: "Одобрено", declined: "Отклонено" },
  prescriptionStatus: { active: "Действует", expired: "Истёк", cancelled: "Отменён" },
  patient: {
    title: "Мои рецепты",
    none: "У вас пока нет рецептов.",
    issued: "Выписал(а) {{who}}, {{when}}",
    request: "Запросить продление",
    note: "Комментарий для врача (необязательно)",
    send: "Отправить запрос",
    waiting: "Запрос на продление отправлен — ждёт решения врача.",
    requests: "Мои запросы на продление",
    reason: "Причина отказа: {{reason}}",
  },
  doctor: {
    title: "Задачи: продление рецептов",
    none: "Нет запросов на продление.",
    decided: "Решённые",
    requestedAt: "Запрошено {{when}}",
    note: "Комментарий пациента: {{note}}",
    approve: "Одобрить",
    approving: "Одобряем…",
    decline: "Отклонить",
    reason: "Причина (пациент её увидит)",
    confirmDecline: "Отклонить запрос",
    declining: "Отклоняем…",
    declineWhy: "Напишите причину (не короче 3 символов): пациент её прочтёт.",
    draftReady: "Новый рецепт с тем же содержанием создан как черновик. Подпишите его, чтобы одобрить продление; проверки выполнятся снова.",
    sign: "Подписать новый рецепт",
    signing: "Подписываем…",
    signed: "Подписано. Пациент получит уведомление.",
  },
};

export default refillsRu;
