export type TextPart = { kind: "text"; text: string } | { kind: "link"; href: string; text: string };

// Absolute http(s) URLs, and app paths such as "/verify-email?token=…" standing on their own.
const LINK_PATTERN = /(https?:\/\/[^\s<>"']+)|((?<=^|[\s(])\/[a-z][\w\-/]*(?:\?[^\s<>"']*)?)/gi;
const TRAILING = /[.,;:!?)\]]+$/;

/** Splits plain text into text and link parts; trailing punctuation stays text. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK_PATTERN)) {
    const start = match.index ?? 0;
    let url = match[0];
    const trailing = url.match(TRAILING)?.[0] ?? "";
    if (trailing) url = url.slice(0, -trailing.length);
    if (!url || url === "/") continue;
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    parts.push({ kind: "link", href: url, text: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

/** Whether a body is HTML (e-mails may be): then it is turned into text first, never injected. */
export function looksLikeHtml(body: string): boolean {
  return /<(a|p|br|div|html|body|table|span|strong|em)\b[^>]*>/i.test(body);
}

/** HTML → plain text, keeping each link's address visible so it can be made clickable again. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  doc.querySelectorAll("script, style").forEach((n) => n.remove());
  doc.querySelectorAll("a[href]").forEach((a) => {
    const href = a.getAttribute("href") ?? "";
    const label = (a.textContent ?? "").trim();
    a.replaceWith(doc.createTextNode(!label || label === href ? href : `${label} ${href}`));
  });
  doc.querySelectorAll("br").forEach((br) => br.replaceWith(doc.createTextNode("\n")));
  doc.querySelectorAll("p, div, tr, li, h1, h2, h3").forEach((el) => el.append(doc.createTextNode("\n")));
  return (doc.body.textContent ?? "").replace(/\n{3,}/g, "\n\n").trim();
}

export function messageParts(body: string): TextPart[] {
  return linkify(looksLikeHtml(body) ? htmlToText(body) : body);
}
