import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "../i18n/i18n";
import { ConfirmDialog } from "./ConfirmDialog";

function open(props: Partial<Parameters<typeof ConfirmDialog>[0]> = {}) {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  render(
    <I18nextProvider i18n={createI18n("en")}>
      <button type="button">Opener</button>
      <ConfirmDialog title="Revoke the invitation?" text="The link stops working." confirmLabel="Revoke" onConfirm={onConfirm} onCancel={onCancel} {...props} />
    </I18nextProvider>,
  );
  return { onConfirm, onCancel };
}

describe("ConfirmDialog", () => {
  it("is a labelled, described modal that starts on Cancel and keeps Tab inside", async () => {
    open({ destructive: true });
    const dialog = screen.getByRole("dialog", { name: "Revoke the invitation?" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(dialog).toHaveAccessibleDescription("The link stops working.");
    const cancel = screen.getByRole("button", { name: "Cancel" });
    const revoke = screen.getByRole("button", { name: "Revoke" });
    expect(cancel).toHaveFocus();
    expect(revoke).toHaveClass("button--danger");

    await userEvent.tab();
    expect(revoke).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(cancel).toHaveFocus();
    expect(screen.getByRole("button", { name: "Opener" })).not.toHaveFocus();
  });

  it("cancels on Escape", async () => {
    const { onCancel } = open();
    await userEvent.keyboard("{Escape}");
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("ignores Escape while the action runs", async () => {
    const busy = open({ busy: true });
    await userEvent.keyboard("{Escape}");
    expect(busy.onCancel).not.toHaveBeenCalled();
  });

  it("shows on its confirm button that the action runs", () => {
    open({ busy: true, busyLabel: "Revoking…" });
    const confirm = screen.getByRole("button", { name: "Revoking…" });
    expect(confirm).toBeDisabled();
    expect(confirm).toHaveAttribute("aria-busy", "true");
    expect(screen.getByRole("button", { name: "Cancel" })).not.toHaveAttribute("aria-busy");
  });

  it("is an alertdialog when urgent, with focus where asked and Escape doing what is asked", async () => {
    const onEscape = vi.fn();
    const { onCancel } = open({ urgent: true, initialFocus: "confirm", onEscape });
    expect(screen.getByRole("alertdialog", { name: "Revoke the invitation?" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Revoke" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(onEscape).toHaveBeenCalledTimes(1);
    expect(onCancel).not.toHaveBeenCalled();
  });
});
