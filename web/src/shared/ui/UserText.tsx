import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * Text someone typed (names of people, clinics and pharmacies, review, chat and thread messages,
 * complaints, documents' descriptions) shown among the app's own words. Its direction must not leak
 * into them: a right-to-left name (Arabic, Hebrew), or a stored U+202E RIGHT-TO-LEFT OVERRIDE, would
 * otherwise reorder "Review by {name}: {text}" around it. Inline text goes in `<bdi>` (direction from
 * its own first strong character, isolated from the sentence); a block of user text gets `dir="auto"`
 * (see `UserTextBlock`); a string that cannot hold an element (an `<option>`, the document title) uses
 * `isolate()`.
 */
export function UserText({ children, className }: { children: ReactNode; className?: string }) {
  return <bdi className={className}>{children}</bdi>;
}

/** A paragraph (or other block) of user text: `dir="auto"`, so its own first strong character sets its direction. */
export function UserTextBlock({
  as: Tag = "p",
  className,
  children,
  ...rest
}: {
  as?: "p" | "div" | "span" | "blockquote" | "dd" | "li" | "h1" | "h2" | "h3" | "strong";
  className?: string;
  children: ReactNode;
  "data-testid"?: string;
}) {
  return (
    <Tag dir="auto" className={className} {...rest}>
      {children}
    </Tag>
  );
}

const FSI = "\u2068";
const PDI = "\u2069";

// Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms) and the bidi controls and marks.
const NEEDS_ISOLATION = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/u;

/**
 * For plain strings (option labels, titles): wraps `text` in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE when it holds
 * something that can change the direction of the text around it (a right-to-left letter, a bidi control or mark). Left-to-right
 * text is returned as it is, so the label a person reads, copies or a screen reader or test selects has no invisible characters.
 */
export function isolate(text: string | null | undefined): string {
  if (!text) return "";
  return NEEDS_ISOLATION.test(text) ? `${FSI}${text}${PDI}` : text;
}

// Private-use markers stand in for the user's values while the sentence is translated.
const OPEN = "\u{F0000}";
const CLOSE = "\u{F0001}";
const MARKER = new RegExp(`${OPEN}(\\d+)${CLOSE}`, "u");

/**
 * A translated sentence with the user's values in it, each isolated in a `<bdi>`:
 * `<UserSentence i18nKey="feedback.reviewBy" user={{ name }} values={{ when }} />`.
 * `values` are the app's own (dates, counts) and go in as they are. A user value that is already an
 * element (a list of names, each in its own `<bdi>`) goes in as it is.
 */
export function UserSentence({
  i18nKey,
  user,
  values,
}: {
  i18nKey: string;
  user: Record<string, ReactNode>;
  values?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const names = Object.keys(user);
  const marked = Object.fromEntries(names.map((name, i) => [name, `${OPEN}${i}${CLOSE}`]));
  const parts = t(i18nKey, { ...values, ...marked }).split(MARKER);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 0 ? (
          <Fragment key={i}>{part}</Fragment>
        ) : (
          <UserValue key={i} value={user[names[Number(part)]!]} />
        ),
      )}
    </>
  );
}

function UserValue({ value }: { value: ReactNode }) {
  if (value === null || value === undefined || typeof value === "boolean") return null;
  return typeof value === "string" || typeof value === "number" ? <bdi>{value}</bdi> : <>{value}</>;
}
