import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import { renderWithProviders } from "../../test/renderWithProviders";
import { AttachmentView } from "./AttachmentView";

describe("an attachment's name", () => {
  it("is isolated in the link's accessible name and text when it holds a bidi control or right-to-left letters", () => {
    renderWithProviders(<AttachmentView attachment={{ id: "a1", fileName: "report\u202Efdp.exe", contentType: "application/pdf", size: 10 }} />);
    const link = screen.getByTestId("chat-attachment");
    expect(link.getAttribute("aria-label")).toBe("Open \u2068report\u202Efdp.exe\u2069");
    expect(link.querySelector("bdi")).toHaveTextContent("report\u202Efdp.exe");
  });

  it("leaves a left-to-right name as it is", () => {
    renderWithProviders(<AttachmentView attachment={{ id: "a2", fileName: "scan.pdf", contentType: "application/pdf", size: 10 }} />);
    expect(screen.getByTestId("chat-attachment").getAttribute("aria-label")).toBe("Open scan.pdf");
  });
});
