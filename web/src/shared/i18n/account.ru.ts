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
  mfa: {
    title: "Двухфакторная аутентификация",
    on: "Включена: для входа нужен код из приложения-аутентификатора.",
    off: "Выключена: для входа нужен только пароль.",
    required: "У сотрудников двухфакторная аутентификация обязательна, её нельзя выключить.",
    codesLeft_one: "Осталось {{count}} неиспользованный код восстановления.",
    codesLeft_few: "Осталось {{count}} неиспользованных кода восстановления.",
    codesLeft_many: "Осталось {{count}} неиспользованных кодов восстановления.",
    codesLeft_other: "Осталось {{count}} неиспользованных кодов восстановления.",
    codesIntro: "Код восстановления позволяет один раз войти без телефона. Новые коды отменяют старые.",
    code: "Текущий код из приложения-аутентификатора",
    regenerate: "Создать новые коды восстановления",
    newCodes: "Ваши новые коды восстановления",
    shownOnce: "Сохраните их сейчас: они показываются только один раз. Старые коды больше не действуют.",
    copy: "Скопировать коды",
    copied: "Скопировано.",
    download: "Скачать файлом",
    done: "Готово",
    reenrol: "Подключить новое приложение-аутентификатор",
    setUp: "Включить двухфакторную аутентификацию",
    // Russian has more plural forms than English: the assertion allows the extra keys.
  } as Strings<typeof accountEn>["mfa"],
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
