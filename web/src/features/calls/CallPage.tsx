/** Placeholder so the router can import it; the full page follows. */
export function CallPage() {
  return <section><h1>CallPage</h1></section>;
}
