/** Placeholder so the router can import it; the full page follows. */
export function MessagesPage() {
  return <section><h1>MessagesPage</h1></section>;
}
