// A scriptable client of one Telemed hub, using the official SignalR JavaScript client.
// Usage: node hub-client.mjs BASE_URL COOKIE_HEADER HUB_PATH EVENT[,EVENT...]
// Prints one JSON line per event ({type:"event", name, args}) and per invocation ({type:"result"|"error", id, ...}).
// Reads invocations from stdin, one JSON line each: {"id": "1", "method": "JoinCall", "args": [...]}.
import * as signalR from "@microsoft/signalr";
import * as readline from "node:readline";

const [baseUrl, cookie, hubPath, events = ""] = process.argv.slice(2);
const connection = new signalR.HubConnectionBuilder()
  .withUrl(`${baseUrl}${hubPath}`, { headers: { Cookie: cookie } })
  .configureLogging(signalR.LogLevel.None)
  .build();
for (const name of events.split(",").filter(Boolean)) {
  connection.on(name, (...args) => console.log(JSON.stringify({ type: "event", name, args })));
}
connection.onclose(() => console.log(JSON.stringify({ type: "closed" })));
try {
  await connection.start();
  console.log(JSON.stringify({ type: "ready" }));
} catch (error) {
  console.log(JSON.stringify({ type: "refused", message: String(error?.message ?? error) }));
  process.exit(2);
}
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", async (line) => {
  const { id, method, args } = JSON.parse(line);
  try {
    const value = await connection.invoke(method, ...(args ?? []));
    console.log(JSON.stringify({ type: "result", id, value: value ?? null }));
  } catch (error) {
    console.log(JSON.stringify({ type: "error", id, message: String(error?.message ?? error) }));
  }
});
lines.on("close", async () => { await connection.stop(); process.exit(0); });
