/**
 * The app's own words for the browser's constraint validation (`required`, `min`, `max`, `pattern`,
 * `type="email"`, `minLength`, `maxLength`, `step`): the attributes stay on the fields (they pick the
 * mobile keyboard and drive the constraint API), but the message comes from here, in the app's
 * language, instead of the browser's bubble in the browser's language.
 */

export type FormControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** An i18n key and its values; translated when shown, so switching the language re-words it. */
export interface NativeValidityError {
  key: string;
  params?: Record<string, string | number>;
}

const DATE_TYPES = new Set(["date", "datetime-local", "month", "week", "time"]);

export function isFormControl(el: unknown): el is FormControl {
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;
}

/** The limit as written on the element, so the message quotes what the field asks for. */
function attr(el: Element, name: string): string {
  return el.getAttribute(name) ?? "";
}

function lengthLimit(el: FormControl, name: "minLength" | "maxLength"): number {
  return el instanceof HTMLSelectElement ? -1 : el[name];
}

/**
 * What is wrong with `el`'s value according to its own constraints, or null when it is valid (or
 * not validated at all: disabled, read-only, hidden, buttons).
 */
export function nativeValidityError(el: FormControl): NativeValidityError | null {
  if (!el.willValidate) return null;
  const v = el.validity;
  const type = el instanceof HTMLInputElement ? el.type : el instanceof HTMLSelectElement ? "select" : "textarea";
  const isDate = DATE_TYPES.has(type);

  if (v.valueMissing) {
    if (type === "select") return { key: "validation.native.choose" };
    if (type === "checkbox") return { key: "validation.native.checkbox" };
    if (type === "radio") return { key: "validation.native.choose" };
    if (type === "file") return { key: "validation.native.file" };
    return { key: "validation.required" };
  }
  if (v.badInput) return { key: isDate ? "validation.date" : type === "number" ? "validation.number" : "validation.native.invalid" };
  if (v.typeMismatch) {
    if (type === "email") return { key: "validation.email" };
    if (type === "url") return { key: "validation.native.url" };
    return { key: "validation.native.format" };
  }
  if (v.patternMismatch) {
    const title = attr(el, "title");
    return title ? { key: "validation.native.patternTitle", params: { title } } : { key: "validation.native.pattern" };
  }
  // tooShort/tooLong are only flagged by browsers after a user edit (and never by jsdom): the limits
  // are checked here as well, for values set by the app, so the form never submits them.
  const value = "value" in el ? el.value : "";
  const minLength = lengthLimit(el, "minLength");
  const maxLength = lengthLimit(el, "maxLength");
  if (v.tooShort || (minLength > 0 && value.length > 0 && value.length < minLength)) {
    return { key: "validation.native.tooShort", params: { count: minLength } };
  }
  if (v.tooLong || (maxLength >= 0 && value.length > maxLength)) {
    return { key: "validation.native.tooLong", params: { count: maxLength } };
  }
  if (v.rangeUnderflow) {
    return { key: isDate ? "validation.native.dateMin" : "validation.native.min", params: { min: attr(el, "min") } };
  }
  if (v.rangeOverflow) {
    return { key: isDate ? "validation.native.dateMax" : "validation.native.max", params: { max: attr(el, "max") } };
  }
  if (v.stepMismatch) {
    const step = attr(el, "step");
    // A time's step is in seconds: say it in minutes.
    if ((type === "time" || type === "datetime-local") && Number(step) >= 60) {
      return { key: "validation.native.timeStep", params: { count: Math.round(Number(step) / 60) } };
    }
    if (isDate) return { key: "validation.date" };
    if (step === "" || Number(step) === 1) return { key: "validation.native.wholeNumber" };
    return { key: "validation.native.step", params: { step: step || "1" } };
  }
  if (!v.valid) return { key: "validation.native.invalid" };
  return null;
}

/** Shows a date limit (`2026-12-05`) the way the app shows dates in `language`. */
export function formatLimit(value: string | number, language: string): string {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(date);
  }
  return String(value);
}
