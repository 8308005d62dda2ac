/** Placeholder so the router can import it; the full page follows. */
export function ConversationPage() {
  return <section><h1>ConversationPage</h1></section>;
}
