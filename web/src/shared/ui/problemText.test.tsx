import { renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { ApiError, problemToApiError } from "../api/errors";
import { createI18n } from "../i18n/i18n";
import { useProblemText } from "./problemText";

function hook(namespace?: "calls" | "consultations", language: "en" | "ru" = "en") {
  const i18n = createI18n(language);
  const wrapper = ({ children }: { children: ReactNode }) => <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
  return { i18n, text: renderHook(() => useProblemText(namespace), { wrapper }).result.current };
}

describe("useProblemText", () => {
  it("prefers the feature's own text for a code, in the user's language", () => {
    const en = hook("calls");
    const tooLarge = new ApiError({ status: 413, code: "attachment.too_large" });
    expect(en.text(tooLarge)).toBe(en.i18n.t("calls.errors.attachment.too_large"));
    const ru = hook("calls", "ru");
    expect(ru.text(tooLarge)).toBe(ru.i18n.t("calls.errors.attachment.too_large"));
    expect(ru.text(tooLarge)).not.toBe(en.text(tooLarge));
  });

  it("reads an upload's status without a code as the attachment problem", () => {
    const { text, i18n } = hook("calls");
    expect(text(new ApiError({ status: 415, code: "unknown" }), "attachment")).toBe(i18n.t("calls.errors.attachment.unsupported_type"));
  });

  it("uses the app-wide text for a known code, and the server's detail apart", () => {
    const { text, i18n } = hook();
    const error = new ApiError({ status: 401, code: "auth.invalid_credentials", detail: "Wrong e-mail or password (server)." });
    const described = text.describe(error);
    expect(described.message).toBe(i18n.t("errors.auth.invalid_credentials"));
    expect(described.detail).toBe("Wrong e-mail or password (server).");
    expect(described.specific).toBe(true);
  });

  it("falls back to the server's detail for a code it has no text for, else to the status", () => {
    const { text, i18n } = hook("consultations");
    expect(text(new ApiError({ status: 409, code: "billing.something_new", detail: "Invoice is closed." }))).toBe("Invoice is closed.");
    const bare = new ApiError({ status: 409, code: "billing.something_new" });
    expect(text(bare)).toBe(i18n.t("errors.conflict"));
    expect(text.describe(bare)).toEqual({ message: i18n.t("errors.conflict"), detail: undefined, specific: false });
  });

  it("words a code no feature words from the app-wide list, so a Russian reader never gets the server's English sentence", () => {
    const detail = "A refill of this prescription is already waiting for the doctor.";
    const refill = new ApiError({ status: 409, code: "clinical.refill_already_requested", detail });
    const ru = hook(undefined, "ru");
    expect(ru.text(refill)).toBe("Запрос на продление этого рецепта уже ждёт врача.");
    expect(ru.text.describe(refill).specific).toBe(true);
    // The server's English sentence does not ride along beside the Russian one; for an English reader it still does.
    expect(ru.text.describe(refill).detail).toBeUndefined();
    // An English reader keeps the server's own sentence, which may name a limit; without one, the app's text.
    const en = hook();
    expect(en.text(refill)).toBe(detail);
    expect(en.text(new ApiError({ status: 409, code: "clinical.refill_already_requested" }))).toBe("A renewal of this prescription is already waiting for the doctor.");
    // A hub refusal arrives as "code: detail" and is worded the same way.
    const chat = hook("consultations", "ru");
    expect(chat.text(new ApiError({ status: 0, code: "chat.message_too_long", detail: "Keep a message under 4000 characters." }))).toBe(
      "Сообщение слишком длинное; сократите его или отправьте частями.",
    );
  });

  it("gives the line and the field messages by their readable names as one text, for a place that shows only text", () => {
    const ru = hook("calls", "ru");
    const invalid = problemToApiError(400, { status: 400, code: "validation.failed", errors: { Note: ["Не длиннее 2000 символов."] } });
    expect(ru.text.withFields(invalid)).toBe(`${ru.text(invalid)} Примечание: Не длиннее 2000 символов.`);
    // Without field messages it is the line alone.
    const gone = new ApiError({ status: 404, code: "not_found" });
    expect(ru.text.withFields(gone)).toBe(ru.text(gone));
  });

  it("says something for an error that is not a ProblemDetails", () => {
    const { text, i18n } = hook();
    expect(text(new Error("boom"))).toBe(i18n.t("errors.unknown"));
  });
});
