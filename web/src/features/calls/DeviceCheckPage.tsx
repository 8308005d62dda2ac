/** Placeholder so the router can import it; the full page follows. */
export function DeviceCheckPage() {
  return <section><h1>DeviceCheckPage</h1></section>;
}
