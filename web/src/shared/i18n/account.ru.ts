import type accountEn from "./account.en";

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** Russian texts of the account pages (merged into ru.ts under "account"). */
const accountRu: Strings<typeof accountEn> = {
  /** A button that loads a list again (not "try again": nothing failed). */
  refresh: "Обновить",
  /** The phone menu button. */
  menu: "Меню",
  resend: {
    button: "Отправить ссылку ещё раз",
    sending: "Отправляем…",
    sent: "Если адрес {{email}} ещё не подтверждён, новая ссылка уже в пути. Проверьте почту.",
  },
  page: {
    link: "Учётная запись",
    title: "Ваша учётная запись",
  },
  password: {
    title: "Смена пароля",
    intro: "Введите текущий пароль и новый (не короче 10 символов). После смены другие сеансы завершатся.",
    current: "Текущий пароль",
    new: "Новый пароль",
    submit: "Сменить пароль",
    changed: "Пароль изменён. Другие сеансы завершены.",
  },
  demo: {
    secondFactor: "Аутентификатор",
    key: "Ключ",
    codeNow: "Код сейчас",
    noSecondFactor: "Без второго фактора",
    codeChanges: "сменится через {{seconds}} с",
    mfaHint: "Демо-учётная запись {{email}}: сейчас приложение-аутентификатор показывает код",
    fillCode: "Подставить демо-код",
  },
};

export default accountRu;
