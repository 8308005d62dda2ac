import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "../i18n/i18n";
import { BusyButton } from "./BusyButton";

function show(props: Partial<Parameters<typeof BusyButton>[0]> & { busy: boolean }, language: "en" | "ru" = "en") {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <BusyButton type="button" className="button" {...props}>
        Save
      </BusyButton>
    </I18nextProvider>,
  );
}

describe("BusyButton", () => {
  it("while busy is disabled, aria-busy, shows its in-progress label and announces it politely", () => {
    show({ busy: true, busyLabel: "Saving…" });
    const button = screen.getByRole("button", { name: "Saving…" });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute("aria-busy", "true");
    expect(button).toHaveClass("button", "button--busy");
    expect(screen.queryByText("Save")).not.toBeInTheDocument();
    expect(screen.getByTestId("busy-announcement")).toHaveAttribute("aria-live", "polite");
    expect(screen.getByTestId("busy-announcement")).toHaveTextContent("Saving…");
  });

  it("without an in-progress label keeps its label, shows a spinner and announces a generic text (en/ru)", () => {
    const { unmount } = show({ busy: true });
    const button = screen.getByRole("button", { name: "Save" });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute("aria-busy", "true");
    expect(button.querySelector(".button__spinner")).not.toBeNull();
    expect(screen.getByTestId("busy-announcement")).toHaveTextContent("Working…");
    unmount();
    show({ busy: true }, "ru");
    expect(screen.getByTestId("busy-announcement")).toHaveTextContent("Выполняется…");
  });

  it("when not busy shows its normal label, no aria-busy, no spinner and an empty (but present) live region", () => {
    show({ busy: false, busyLabel: "Saving…" });
    const button = screen.getByRole("button", { name: "Save" });
    expect(button).toBeEnabled();
    expect(button).not.toHaveAttribute("aria-busy");
    expect(button).not.toHaveClass("button--busy");
    expect(button.querySelector(".button__spinner")).toBeNull();
    expect(screen.getByTestId("busy-announcement")).toBeEmptyDOMElement();
  });

  it("stays disabled for another reason when not busy, keeping its aria-describedby", () => {
    show({ busy: false, disabled: true, "aria-describedby": "why" });
    const button = screen.getByRole("button", { name: "Save" });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute("aria-describedby", "why");
    expect(button).not.toHaveAttribute("aria-busy");
  });
});
