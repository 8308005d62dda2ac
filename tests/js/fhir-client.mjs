// Drives the Telemed FHIR API with an off-the-shelf client (fhir-kit-client from npm), as an integrator would:
// reads the CapabilityStatement, searches Appointments a few at a time and follows the Bundle's `next` links to the end.
// Usage: node fhir-client.mjs <baseUrl> <bearerToken> [pageSize]
// Prints one JSON line: { fhirVersion, types, searchParams, pages, total, ids }.
import { Client } from 'fhir-kit-client';

const [baseUrl, bearerToken, pageSize = '2'] = process.argv.slice(2);
const client = new Client({ baseUrl, bearerToken });

const capability = await client.capabilityStatement();
const rest = capability.rest[0];
const appointment = rest.resource.find(r => r.type === 'Appointment');

let bundle = await client.search({ resourceType: 'Appointment', searchParams: { _count: pageSize } });
const total = bundle.total;
const ids = [];
let pages = 0;
while (bundle) {
  pages += 1;
  for (const entry of bundle.entry ?? []) ids.push(entry.resource.id);
  if (pages > 1000) throw new Error('paging does not end');
  bundle = await client.nextPage({ bundle });
}

console.log(JSON.stringify({
  fhirVersion: capability.fhirVersion,
  types: rest.resource.map(r => r.type),
  searchParams: appointment.searchParam.map(p => p.name),
  pages,
  total,
  ids,
}));
