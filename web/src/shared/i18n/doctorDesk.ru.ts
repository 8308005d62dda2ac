/** Russian texts of the doctor's desk: follow-up booking and today's agenda (merged into ru.ts under "doctorDesk"). */
const doctorDeskRu = {
  kinds: {
    video: "Видео",
    inPerson: "Очно",
    chat: "Чат",
  },
  followUp: {
    title: "Записать на повторный приём",
    hint: "Выберите время в своём расписании; пациент получит обычное уведомление о записи и увидит её в разделе «Мои записи».",
    kind: "Формат приёма",
    interval: "Когда",
    in7: "Через 1 неделю",
    in14: "Через 2 недели",
    in28: "Через 1 месяц",
    in91: "Через 3 месяца",
    time: "Свободное время в вашем расписании",
    noSlots: "В эти две недели свободного времени нет. Выберите другой срок или формат приёма.",
    book: "Записать",
    bookWhy: "Сначала выберите одно из времён выше.",
    booked: "Повторный приём назначен: {{when}}, {{clinic}}.",
    open: "Открыть запись",
  },
  nextPatient: {
    none: "Сейчас никто не ждёт.",
    opening: "Открываем следующего пациента…",
  },
  agenda: {
    homeTitle: "Ваш день",
    title: "Сегодня",
    intro: "Ваши приёмы сегодня, в вашем часовом поясе ({{zone}}).",
    empty: "Сегодня приёмов нет.",
    visits: "Приёмов сегодня",
    onCall: "Ждут дежурного врача",
    reviews: "Запросы на просмотр",
    openQueue: "Открыть очередь",
    openReviews: "Открыть запросы",
    join: "Войти",
    open: "Открыть",
    listLabel: "Приёмы сегодня",
    status: {
      booked: "Записан",
      confirmed: "Подтверждён",
      checkedIn: "Пришёл",
      completed: "Завершён",
      cancelled: "Отменён",
      noShow: "Неявка",
    },
  },
};

export default doctorDeskRu;
