import { messageParts } from "./linkify";

/** A message body as text, with its links clickable. Never renders the body as HTML. */
export function MessageBody({ body }: { body: string }) {
  return (
    <div className="message-body" data-testid="outbox-body">
      {messageParts(body).map((part, i) =>
        part.kind === "link" ? (
          <a key={i} href={part.href}>
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </div>
  );
}
