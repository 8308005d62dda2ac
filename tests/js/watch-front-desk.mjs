// Watches a clinic's front-desk hub with the official SignalR JavaScript client and prints one JSON line per event.
// Usage: node watch-front-desk.mjs BASE_URL COOKIE_HEADER CLINIC_ID
import * as signalR from "@microsoft/signalr";

const [baseUrl, cookie, clinicId] = process.argv.slice(2);
const connection = new signalR.HubConnectionBuilder()
  .withUrl(`${baseUrl}/hubs/front-desk`, { headers: { Cookie: cookie } })
  .configureLogging(signalR.LogLevel.None)
  .build();
connection.on("appointmentChanged", (change) => console.log(JSON.stringify({ type: "appointmentChanged", ...change })));
try {
  await connection.start();
  await connection.invoke("WatchClinic", clinicId);
  console.log(JSON.stringify({ type: "ready", transport: connection.connection.transport?.constructor?.name ?? "" }));
} catch (error) {
  console.log(JSON.stringify({ type: "error", message: String(error?.message ?? error) }));
  process.exit(2);
}
process.stdin.on("data", async () => { await connection.stop(); process.exit(0); });
process.stdin.on("end", async () => { await connection.stop(); process.exit(0); });
