import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FieldError } from "react-hook-form";
import { useNativeFieldError } from "./Form";

/** A field error from zod (an i18n key), from the server (text as sent) or from `<Form>`'s constraint check ("native", translated already). */
export type FieldErrorLike = { message?: string; type?: FieldError["type"] } | undefined;

export function FieldErrorText({ id, error }: { id: string; error: FieldErrorLike }) {
  const { t } = useTranslation();
  if (!error?.message) return null;
  const text = error.type === "server" || error.type === "native" ? error.message : t(error.message, { defaultValue: error.message });
  return (
    <p className="field-error" id={id}>
      {text}
    </p>
  );
}

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error: FieldErrorLike;
  children: ReactNode;
  className?: string;
}

function FieldShell({ id, label, hint, error, children, className }: FieldShellProps) {
  return (
    <div className={`field${error?.message ? " field--invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

/** The error to show: the one passed in (zod, server) first, else the `<Form>`'s constraint message. */
function useFieldError(id: string, error: FieldErrorLike): FieldErrorLike {
  const native = useNativeFieldError(id);
  if (error?.message) return error;
  return native ? { message: native, type: "native" } : undefined;
}

function describedBy(id: string, hint: unknown, error: FieldErrorLike): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error?.message ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

type InputProps = ComponentPropsWithRef<"input"> & { label: ReactNode; hint?: ReactNode; error?: FieldErrorLike };

export function TextField({ label, hint, error: given, id, className, ...rest }: InputProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const error = useFieldError(inputId, given);
  return (
    <FieldShell id={inputId} label={label} hint={hint} error={error} className={className}>
      <input
        id={inputId}
        aria-invalid={error?.message ? true : undefined}
        aria-describedby={describedBy(inputId, hint, error)}
        {...rest}
      />
    </FieldShell>
  );
}

type TextAreaProps = ComponentPropsWithRef<"textarea"> & { label: ReactNode; hint?: ReactNode; error?: FieldErrorLike };

export function TextAreaField({ label, hint, error: given, id, className, ...rest }: TextAreaProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const error = useFieldError(inputId, given);
  return (
    <FieldShell id={inputId} label={label} hint={hint} error={error} className={className}>
      <textarea
        id={inputId}
        aria-invalid={error?.message ? true : undefined}
        aria-describedby={describedBy(inputId, hint, error)}
        {...rest}
      />
    </FieldShell>
  );
}

type SelectProps = ComponentPropsWithRef<"select"> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldErrorLike;
  options: { value: string; label: string }[];
};

export function SelectField({ label, hint, error: given, id, options, className, ...rest }: SelectProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const error = useFieldError(inputId, given);
  return (
    <FieldShell id={inputId} label={label} hint={hint} error={error} className={className}>
      <select
        id={inputId}
        aria-invalid={error?.message ? true : undefined}
        aria-describedby={describedBy(inputId, hint, error)}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

type CheckboxProps = ComponentPropsWithRef<"input"> & { label: ReactNode };

export function CheckboxField({ label, id, ...rest }: CheckboxProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const error = useFieldError(inputId, undefined);
  return (
    <div className="checkbox">
      <input
        id={inputId}
        type="checkbox"
        aria-invalid={error?.message ? true : undefined}
        aria-describedby={error?.message ? `${inputId}-error` : undefined}
        {...rest}
      />
      <label htmlFor={inputId}>{label}</label>
      <FieldErrorText id={`${inputId}-error`} error={error} />
    </div>
  );
}
