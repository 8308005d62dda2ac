import type { ComponentProps } from "react";
import { useTranslation } from "react-i18next";

type BusyButtonProps = ComponentProps<"button"> & {
  /** True while this button's own request runs. */
  busy: boolean;
  /** Short in-progress text ("Saving…") shown instead of the label while busy; without it the label stays and a generic "Working…" is announced. */
  busyLabel?: string;
};

/**
 * A button that shows it is working while its own request runs: a greyed button alone leaves people wondering whether
 * the click took. While `busy` it is disabled, carries `aria-busy`, shows a spinner (and `busyLabel` if given), and a
 * polite live region beside it tells screen reader users; the region is always rendered because one that appears with
 * its text already in it is often not announced. `disabled` is still for other reasons (pair it with DisabledReason).
 */
export function BusyButton({ busy, busyLabel, disabled, className, children, ...rest }: BusyButtonProps) {
  const { t } = useTranslation();
  return (
    <>
      <button {...rest} className={busy ? `${className ?? "button"} button--busy` : className} disabled={busy || disabled} aria-busy={busy ? "true" : undefined}>
        {busy ? <span className="button__spinner" aria-hidden="true" /> : null}
        {busy && busyLabel ? busyLabel : children}
      </button>
      <span className="visually-hidden" aria-live="polite" data-testid="busy-announcement">
        {busy ? (busyLabel ?? t("app.working")) : ""}
      </span>
    </>
  );
}
