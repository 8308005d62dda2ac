// Parses an iCalendar file with ical.js (a standard RFC 5545 parser) and prints what a calendar app would show.
// Usage: node parse-ics.mjs FILE  →  JSON { events: [{ uid, summary, status, tzid, local, utc, endUtc }] }
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    status: component.getFirstPropertyValue("status"),
    tzid: component.getFirstProperty("dtstart").getParameter("tzid"),
    zone: event.startDate.zone?.tzid,
    local: event.startDate.toString(),
    utc: event.startDate.toJSDate().toISOString(),
    endUtc: event.endDate.toJSDate().toISOString(),
  };
});
process.stdout.write(JSON.stringify({ events }));
