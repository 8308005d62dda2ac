import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "../i18n/i18n";
import { isolate, UserSentence, UserText, UserTextBlock } from "./UserText";

const RLO = "\u202E";
const spoofed = `Anna ${RLO}avortep`;

/** The elements whose direction cannot leak into or out of them. */
const isIsolating = (el: Element) => el.tagName === "BDI" || el.getAttribute("dir") === "auto";

describe("user text is isolated from the app's words around it", () => {
  it("wraps a name with U+202E, inside a translated sentence, in <bdi>, and leaves the sentence's own words outside it", () => {
    const i18n = createI18n("en");
    render(
      <I18nextProvider i18n={i18n}>
        <p data-testid="line">
          <UserSentence i18nKey="calls.chat.with" user={{ name: spoofed }} />
        </p>
      </I18nextProvider>,
    );
    const line = screen.getByTestId("line");
    expect(line.textContent).toBe(`With ${spoofed}`);
    const holders = Array.from(line.querySelectorAll("*")).filter((el) => el.textContent?.includes(RLO));
    expect(holders).toHaveLength(1);
    expect(holders[0]!.tagName).toBe("BDI");
    expect(holders[0]!.textContent).toBe(spoofed);
    // No text node of the sentence itself holds the override.
    const ownText = Array.from(line.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join("");
    expect(ownText).toBe("With ");
  });

  it("keeps the app's own values (dates) outside the isolation and the user's inside, in Russian too", () => {
    const i18n = createI18n("ru");
    render(
      <I18nextProvider i18n={i18n}>
        <p data-testid="line">
          <UserSentence i18nKey="clinical.protocol.addendumBy" user={{ name: "אבי כהן" }} values={{ time: "5 дек. 2026 г., 10:00" }} />
        </p>
      </I18nextProvider>,
    );
    const line = screen.getByTestId("line");
    expect(line.querySelectorAll("bdi")).toHaveLength(1);
    expect(line.querySelector("bdi")).toHaveTextContent("אבי כהן");
    expect(line.textContent).toContain("5 дек. 2026 г., 10:00");
    expect(line.querySelector("bdi")!.textContent).not.toContain("2026");
  });

  it("UserText is a <bdi>, UserTextBlock has dir=auto, isolate() brackets a plain string with FSI … PDI", () => {
    render(
      <div>
        <p data-testid="inline">
          Review by <UserText>{spoofed}</UserText>: great
        </p>
        <UserTextBlock data-testid="block">{`${RLO}txet weiver`}</UserTextBlock>
      </div>,
    );
    const bdi = screen.getByTestId("inline").querySelector("bdi")!;
    expect(isIsolating(bdi)).toBe(true);
    expect(bdi.textContent).toBe(spoofed);
    expect(isIsolating(screen.getByTestId("block"))).toBe(true);
    expect(isolate(spoofed)).toBe(`\u2068${spoofed}\u2069`);
    expect(isolate("אבי כהן")).toBe("\u2068אבי כהן\u2069");
    // Left-to-right text stays as it is: an option's label has no invisible characters to read, copy or select by.
    expect(isolate("Telemed Clinic Moscow (Moscow)")).toBe("Telemed Clinic Moscow (Moscow)");
    expect(isolate("Анна Петрова")).toBe("Анна Петрова");
    expect(isolate(null)).toBe("");
  });
});
