import { describe, expect, it } from "vitest";
import { htmlToText, linkify, messageParts } from "./linkify";

describe("outbox message links", () => {
  it("turns absolute URLs into links and keeps trailing punctuation as text", () => {
    const parts = linkify("Confirm: http://localhost:5080/verify-email?token=abc123. Thanks");
    expect(parts).toEqual([
      { kind: "text", text: "Confirm: " },
      { kind: "link", href: "http://localhost:5080/verify-email?token=abc123", text: "http://localhost:5080/verify-email?token=abc123" },
      { kind: "text", text: ". Thanks" },
    ]);
  });

  it("links app-relative paths but not slashes inside words", () => {
    const parts = linkify("Open /reset-password?token=x%2By and/or reply");
    expect(parts.filter((p) => p.kind === "link").map((p) => p.href)).toEqual(["/reset-password?token=x%2By"]);
  });

  it("leaves text without links alone", () => {
    expect(linkify("Your code is 123456")).toEqual([{ kind: "text", text: "Your code is 123456" }]);
  });

  it("reads HTML bodies as text without injecting markup", () => {
    const html = '<p>Hello <b>Anna</b>,</p><p><a href="https://t.example/accept-invitation?token=q">Accept</a></p><script>alert(1)</script>';
    const text = htmlToText(html);
    expect(text).toContain("Hello Anna,");
    expect(text).toContain("Accept https://t.example/accept-invitation?token=q");
    expect(text).not.toContain("alert");
    const links = messageParts(html).filter((p) => p.kind === "link");
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ href: "https://t.example/accept-invitation?token=q" });
  });
});
