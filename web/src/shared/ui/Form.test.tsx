import { describe, expect, it, vi } from "vitest";
import { render, screen, fireEvent } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { createI18n, type SupportedLanguage } from "../i18n/i18n";
import { Form, useNativeErrorText } from "./Form";
import { CheckboxField, SelectField, TextAreaField, TextField } from "./fields";
import { nativeValidityError, type FormControl } from "./nativeValidity";

function input(attrs: Record<string, string>, value = ""): HTMLInputElement {
  const el = document.createElement("input");
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  el.value = value;
  return el;
}

/** jsdom does not flag badInput (nor tooShort/tooLong after a user edit): fake that one flag. */
function withFlag(el: FormControl, flag: keyof ValidityState): FormControl {
  const real = el.validity;
  Object.defineProperty(el, "validity", {
    configurable: true,
    get: () => new Proxy(real, { get: (t, k) => (k === flag ? true : k === "valid" ? false : Reflect.get(t, k)) }),
  });
  return el;
}

function translated(language: SupportedLanguage, el: FormControl): string {
  const i18n = createI18n(language);
  let text = "";
  function Probe() {
    const tr = useNativeErrorText();
    const error = nativeValidityError(el);
    text = error ? tr(error) : "";
    return null;
  }
  render(
    <I18nextProvider i18n={i18n}>
      <Probe />
    </I18nextProvider>,
  );
  return text;
}

describe("nativeValidityError: each ValidityState in the app's words, with the limit", () => {
  const cases: { state: string; make: () => FormControl; en: string; ru: string }[] = [
    { state: "valueMissing", make: () => input({ required: "" }), en: "This field is required.", ru: "Обязательное поле." },
    {
      state: "valueMissing (select)",
      make: () => {
        const s = document.createElement("select");
        s.required = true;
        s.append(new Option("—", ""));
        document.body.append(s);
        return s;
      },
      en: "Choose an option.",
      ru: "Выберите вариант.",
    },
    { state: "valueMissing (checkbox)", make: () => input({ type: "checkbox", required: "" }), en: "Tick this box to continue.", ru: "Отметьте, чтобы продолжить." },
    { state: "rangeUnderflow", make: () => input({ type: "number", min: "1" }, "0"), en: "Must be at least 1.", ru: "Значение должно быть не меньше 1." },
    { state: "rangeOverflow", make: () => input({ type: "number", max: "24" }, "25"), en: "Must be at most 24.", ru: "Значение должно быть не больше 24." },
    { state: "rangeUnderflow (date)", make: () => input({ type: "date", min: "2026-12-05" }, "2026-12-01"), en: "Must be Dec 5, 2026 or later.", ru: "Дата должна быть не раньше 5 дек. 2026 г." },
    { state: "rangeOverflow (date)", make: () => input({ type: "date", max: "2026-12-05" }, "2026-12-31"), en: "Must be Dec 5, 2026 or earlier.", ru: "Дата должна быть не позже 5 дек. 2026 г." },
    { state: "patternMismatch", make: () => input({ pattern: "[0-9]{6}" }, "12ab"), en: "Use the format shown.", ru: "Используйте указанный формат." },
    { state: "patternMismatch (title)", make: () => input({ pattern: "[0-9]{6}", title: "123456" }, "12ab"), en: "Use this format: 123456", ru: "Используйте формат: 123456" },
    { state: "typeMismatch (email)", make: () => input({ type: "email" }, "not-an-address"), en: "Enter a valid e-mail address.", ru: "Введите корректный адрес электронной почты." },
    { state: "typeMismatch (url)", make: () => input({ type: "url" }, "example"), en: "Enter a web address, e.g. https://example.org.", ru: "Введите веб-адрес, например https://example.org." },
    { state: "tooShort", make: () => input({ minlength: "3" }, "ab"), en: "Use at least 3 characters.", ru: "Не менее 3 символов." },
    { state: "tooShort (one)", make: () => input({ minlength: "21" }, "ab"), en: "Use at least 21 characters.", ru: "Не менее 21 символа." },
    { state: "tooLong", make: () => input({ maxlength: "5" }, "abcdefgh"), en: "Use at most 5 characters.", ru: "Не более 5 символов." },
    { state: "tooLong (flagged by the browser)", make: () => withFlag(input({ maxlength: "500" }, "x"), "tooLong"), en: "Use at most 500 characters.", ru: "Не более 500 символов." },
    { state: "stepMismatch (whole numbers)", make: () => input({ type: "number", min: "1" }, "2.5"), en: "Enter a whole number.", ru: "Введите целое число." },
    { state: "stepMismatch", make: () => input({ type: "number", step: "5" }, "7"), en: "Must be a multiple of 5.", ru: "Значение должно быть кратно 5." },
    { state: "stepMismatch (time, in minutes)", make: () => input({ type: "time", step: "300" }, "09:02"), en: "Choose a time in steps of 5 minutes.", ru: "Выберите время с шагом в 5 минут." },
    { state: "badInput (number)", make: () => withFlag(input({ type: "number" }), "badInput"), en: "Enter a number.", ru: "Введите число." },
  ];

  it.each(cases)("$state", ({ make, en, ru }) => {
    expect(translated("en", make())).toBe(en);
    expect(translated("ru", make())).toBe(ru);
  });

  it("is null for valid, empty optional and disabled fields", () => {
    expect(nativeValidityError(input({ type: "number", min: "1", max: "24" }, "3"))).toBeNull();
    expect(nativeValidityError(input({ type: "number", min: "1" }, ""))).toBeNull();
    expect(nativeValidityError(input({ required: "", disabled: "" }))).toBeNull();
  });
});

function renderForm(language: SupportedLanguage, onSubmit = vi.fn()) {
  const i18n = createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <Form onSubmit={(e) => { e.preventDefault(); onSubmit(); }} aria-label="form">
        <TextField label="Name" required minLength={2} />
        <TextField label="Times per day" type="number" min={1} max={24} defaultValue="30" />
        <SelectField label="Kind" required options={[{ value: "", label: "—" }, { value: "a", label: "A" }]} />
        <TextAreaField label="Note" maxLength={500} />
        <CheckboxField label="I agree" required />
        <input aria-label="Raw code" pattern="[0-9]{6}" defaultValue="12" />
        <button type="submit">Send</button>
      </Form>
    </I18nextProvider>,
  );
  return onSubmit;
}

describe("<Form>", () => {
  it("is noValidate, never submits when invalid, shows the app's messages inline and focuses the first invalid field", async () => {
    const onSubmit = renderForm("en");
    expect(screen.getByRole("form")).toHaveAttribute("novalidate");
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(onSubmit).not.toHaveBeenCalled();

    const name = screen.getByLabelText("Name");
    expect(name).toHaveFocus();
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveAccessibleDescription("This field is required.");
    expect(screen.getByLabelText("Times per day")).toHaveAccessibleDescription("Must be at most 24.");
    expect(screen.getByLabelText("Kind")).toHaveAccessibleDescription("Choose an option.");
    expect(screen.getByLabelText("I agree")).toHaveAccessibleDescription("Tick this box to continue.");
    expect(screen.getByLabelText("Note")).not.toHaveAttribute("aria-invalid");
    // A field that is not a shared field component is listed at the end of the form.
    expect(screen.getByTestId("form-errors")).toHaveTextContent("Raw code: Use the format shown.");
  });

  it("follows edits: the message changes, then goes away, and a valid form submits", async () => {
    const onSubmit = renderForm("en");
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    const name = screen.getByLabelText("Name");
    await userEvent.type(name, "A");
    expect(name).toHaveAccessibleDescription("Use at least 2 characters.");
    await userEvent.type(name, "n");
    expect(name).not.toHaveAttribute("aria-invalid");
    expect(name).not.toHaveAccessibleDescription();

    const times = screen.getByLabelText("Times per day");
    await userEvent.clear(times);
    await userEvent.type(times, "3");
    await userEvent.selectOptions(screen.getByLabelText("Kind"), "a");
    await userEvent.click(screen.getByLabelText("I agree"));
    fireEvent.change(screen.getByLabelText("Raw code"), { target: { value: "123456" } });
    expect(screen.queryByTestId("form-errors")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it("speaks the app's language, not the browser's", async () => {
    const onSubmit = renderForm("ru");
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("Обязательное поле.");
    expect(screen.getByLabelText("Times per day")).toHaveAccessibleDescription("Значение должно быть не больше 24.");
  });

  it("lets a message passed in (zod, server) win over the constraint message", async () => {
    const i18n = createI18n("en");
    render(
      <I18nextProvider i18n={i18n}>
        <Form onSubmit={(e) => e.preventDefault()}>
          <TextField label="E-mail" type="email" required error={{ message: "Taken.", type: "server" }} />
          <button type="submit">Send</button>
        </Form>
      </I18nextProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(screen.getByLabelText("E-mail")).toHaveAccessibleDescription("Taken.");
  });
});
