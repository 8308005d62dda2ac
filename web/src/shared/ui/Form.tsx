import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ComponentPropsWithRef,
  type FormEvent,
  type SyntheticEvent,
} from "react";
import { useTranslation } from "react-i18next";
import { formatLimit, isFormControl, nativeValidityError, type FormControl, type NativeValidityError } from "./nativeValidity";

interface FormValidation {
  /** The native constraint error of the field with this id, from the last submit (kept up to date as it is edited). */
  errorFor(id: string): NativeValidityError | undefined;
  /** A field component shows its own message; fields that do not register are listed by the form. */
  register(id: string): () => void;
}

const FormValidationContext = createContext<FormValidation | null>(null);

/** Translates a native constraint error into the app's language (limits included, dates formatted). */
export function useNativeErrorText(): (error: NativeValidityError) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: NativeValidityError) => {
      const params = Object.fromEntries(
        Object.entries(error.params ?? {}).map(([k, v]) => [k, k === "count" ? v : formatLimit(v, i18n.language)]),
      );
      return t(error.key, params);
    },
    [t, i18n.language],
  );
}

/**
 * For field components: the translated native constraint message for the field `id` inside a
 * `<Form>`, or undefined. Registers the field so the form does not list it again.
 */
export function useNativeFieldError(id: string): string | undefined {
  const ctx = useContext(FormValidationContext);
  const text = useNativeErrorText();
  useEffect(() => ctx?.register(id), [ctx, id]);
  const error = ctx?.errorFor(id);
  return error ? text(error) : undefined;
}

function controlsOf(form: HTMLFormElement): FormControl[] {
  return Array.from(form.elements).filter(isFormControl);
}

function keyOf(el: FormControl, index: number): string {
  return el.id || `#${el.name || index}`;
}

type FormProps = Omit<ComponentPropsWithRef<"form">, "noValidate">;

/**
 * A `<form noValidate>` that still honours its fields' constraints, in the app's words: on submit it
 * checks every field's `ValidityState`; when one fails it does not call `onSubmit`, shows each
 * message inline under its field (the shared `TextField`, `TextAreaField`, `SelectField`, `CheckboxField` read it and
 * set `aria-invalid` and `aria-describedby`) and moves focus to the first invalid field. A message
 * follows its field's edits until the field is valid. Fields that are not shared field components get
 * their message listed at the end of the form.
 */
export function Form({ onSubmit, onInput, onChange, children, ...rest }: FormProps) {
  const [errors, setErrors] = useState<Record<string, NativeValidityError>>({});
  const [unregistered, setUnregistered] = useState<{ key: string; label: string }[]>([]);
  const registered = useRef(new Set<string>());
  const text = useNativeErrorText();

  const register = useCallback((id: string) => {
    registered.current.add(id);
    return () => {
      registered.current.delete(id);
    };
  }, []);
  const ctx = useMemo<FormValidation>(() => ({ errorFor: (id) => errors[id], register }), [errors, register]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    const found: Record<string, NativeValidityError> = {};
    const others: { key: string; label: string }[] = [];
    let first: FormControl | undefined;
    controlsOf(event.currentTarget).forEach((el, i) => {
      const error = nativeValidityError(el);
      if (!error) return;
      const key = keyOf(el, i);
      found[key] = error;
      first ??= el;
      if (!el.id || !registered.current.has(el.id)) {
        others.push({ key, label: el.labels?.[0]?.textContent?.trim() || el.getAttribute("aria-label") || el.name });
      }
    });
    setErrors(found);
    setUnregistered(others);
    if (first) {
      event.preventDefault();
      first.focus();
      return;
    }
    onSubmit?.(event);
  };

  // Once a field has shown a message, re-check it on every edit: the message changes or goes away.
  const recheck = (event: SyntheticEvent<HTMLFormElement>) => {
    const el = event.target;
    if (isFormControl(el) && el.form === event.currentTarget) {
      const key = keyOf(el, controlsOf(event.currentTarget).indexOf(el));
      const error = nativeValidityError(el);
      setErrors((current) => {
        if (!(key in current)) return current;
        const next = { ...current };
        if (error) next[key] = error;
        else delete next[key];
        return next;
      });
    }
  };

  return (
    <form
      {...rest}
      noValidate
      onSubmit={submit}
      onInput={(e) => {
        recheck(e);
        onInput?.(e);
      }}
      onChange={(e) => {
        recheck(e);
        onChange?.(e);
      }}
    >
      <FormValidationContext value={ctx}>{children}</FormValidationContext>
      {unregistered.some((u) => errors[u.key]) ? (
        <ul className="field-error form-errors" data-testid="form-errors">
          {unregistered
            .filter((u) => errors[u.key])
            .map((u) => (
              <li key={u.key}>
                {u.label ? `${u.label}: ` : ""}
                {text(errors[u.key]!)}
              </li>
            ))}
        </ul>
      ) : null}
    </form>
  );
}
