import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { json, mockApi, problem, signedInSession } from "../../test/mockApi";
import type { RecordDocument, TimelinePage } from "./recordApi";
import { linkFor, parseFlagSummary } from "./timelineLinks";

const patientId = "88888888-8888-4888-8888-888888888888";
const doc = (over: Partial<RecordDocument>): RecordDocument => ({
  id: "11111111-1111-4111-8111-111111111111",
  type: "lab_result",
  documentDate: "2026-11-20",
  description: "Blood count from my local lab",
  fileName: "blood-count.pdf",
  contentType: "application/pdf",
  size: 2048,
  status: "available",
  uploadedAt: "2026-11-30T08:00:00Z",
  sharing: "care_team",
  sharedWithDoctorUserId: null,
  ...over,
});
const page = (over: Partial<TimelinePage>): TimelinePage => ({ items: [], total: 0, page: 1, pageSize: 10, breakGlass: false, ...over });
const labEntry = { kind: "lab_result", id: "22222222-2222-4222-8222-222222222222", occurredAt: "2026-11-29T08:00:00Z", title: "Basic metabolic panel", detail: "HH 1 · N 7", status: "released" };
const visitEntry = { kind: "consultation", id: "33333333-3333-4333-8333-333333333333", occurredAt: "2026-11-28T08:00:00Z", title: "cardiology", detail: "Chest pain", status: "completed" };

describe("the patient's record", () => {
  it("polls a quarantined document until it is scanned, offers its download, and shows the timeline with flag counts in words", async () => {
    let listed = 0;
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/mine": () => json(200, []),
      "GET /me/record/documents": () => json(200, [doc({ status: listed++ === 0 ? "pending_scan" : "available" }), doc({ id: "44444444-4444-4444-8444-444444444444", description: "Eicar", status: "rejected" })]),
      "GET /me/record/timeline": () => json(200, page({ items: [labEntry, visitEntry], total: 2 })),
    });
    renderApp("/patient/record");
    const list = await screen.findByTestId("my-documents");
    expect(await within(list).findByText("Being checked for viruses")).toBeInTheDocument();
    expect(within(list).getByText("Rejected")).toBeInTheDocument();
    expect(within(list).getByText("Eicar")).toHaveAttribute("dir", "auto");
    await waitFor(() => expect(within(list).getByText("Available")).toBeInTheDocument(), { timeout: 10000 });
    expect(within(list).getByRole("link", { name: /Download: Blood count/ })).toHaveAttribute("href", `/api/v1/me/record/documents/${doc({}).id}/content`);
    const timeline = screen.getByTestId("record-timeline");
    expect(await within(timeline).findByText("1 critically high, 7 normal")).toBeInTheDocument();
    expect(within(timeline).getByRole("link", { name: "Basic metabolic panel" })).toHaveAttribute("href", "/patient/lab-results");
    expect(within(timeline).getByRole("link", { name: "cardiology" })).toHaveAttribute("href", `/patient/visit-summaries/${visitEntry.id}`);
  }, 30000);

  it("says a prescription's and a diagnosis's status and role in words, in Russian, not the API's 'active' or 'preliminary'", async () => {
    const rx = { kind: "prescription", id: "55555555-5555-4555-8555-555555555555", occurredAt: "2026-11-29T08:00:00Z", title: "Paracetamol 500 mg tablets", detail: "After meals", status: "active" };
    const expired = { ...rx, id: "66666666-6666-4666-8666-666666666666", status: "expired" };
    const dx = { kind: "diagnosis", id: "77777777-7777-4777-8777-777777777777", occurredAt: "2026-11-29T08:00:00Z", title: "R51 Headache", detail: "secondary", status: "preliminary" };
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/mine": () => json(200, []),
      "GET /me/record/documents": () => json(200, []),
      "GET /me/record/timeline": () => json(200, page({ items: [rx, expired, dx], total: 3 })),
    });
    renderApp("/patient/record", "ru");
    const timeline = await screen.findByTestId("record-timeline");
    expect(await within(timeline).findByText("Действует")).toBeInTheDocument();
    expect(within(timeline).getByText("Срок истёк")).toBeInTheDocument();
    expect(within(timeline).getByText("Предварительный")).toBeInTheDocument();
    expect(within(timeline).getByText("Сопутствующий")).toBeInTheDocument();
    for (const raw of ["active", "expired", "preliminary", "secondary"]) expect(within(timeline).queryByText(raw)).not.toBeInTheDocument();
  }, 30000);

  it("reads the timeline again once a quarantined document is cleared, so the page never says both 'Available' and 'Being checked'", async () => {
    let scanned = false;
    let listed = 0;
    const entry = () => ({ kind: "document", id: doc({}).id, occurredAt: "2026-11-20T12:00:00Z", title: "Blood count from my local lab", detail: "lab_result", status: scanned ? "available" : "pending_scan" });
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/mine": () => json(200, []),
      "GET /me/record/documents": () => {
        if (listed++ > 0) scanned = true;
        return json(200, [doc({ status: scanned ? "available" : "pending_scan" })]);
      },
      "GET /me/record/timeline": () => json(200, page({ items: [entry()], total: 1 })),
    });
    renderApp("/patient/record");
    const timeline = await screen.findByTestId("record-timeline");
    expect(await within(timeline).findByText("Being checked for viruses")).toBeInTheDocument();
    const list = screen.getByTestId("my-documents");
    await waitFor(() => expect(within(list).getByText("Available")).toBeInTheDocument(), { timeout: 10000 });
    await waitFor(() => expect(within(timeline).getByText("Available")).toBeInTheDocument(), { timeout: 5000 });
    expect(within(timeline).queryByText("Being checked for viruses")).not.toBeInTheDocument();
  }, 30000);

  it("filters the timeline by kind and date range and pages it", async () => {
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/mine": () => json(200, []),
      "GET /me/record/documents": () => json(200, []),
      "GET /me/record/timeline": () => json(200, page({ items: [visitEntry], total: 25 })),
    });
    renderApp("/patient/record");
    const user = userEvent.setup();
    const timeline = await screen.findByTestId("record-timeline");
    await within(timeline).findByText("cardiology");
    await user.click(within(timeline).getByRole("checkbox", { name: "Documents" }));
    await user.type(within(timeline).getByLabelText("From"), "2026-01-01");
    await user.click(within(timeline).getByRole("button", { name: "Next" }));
    await waitFor(() => {
      const last = api.callsTo("GET", "/me/record/timeline").at(-1)!;
      expect(last.query.get("kind")).toBe("document");
      expect(last.query.get("from")).toBe("2026-01-01");
      expect(last.query.get("page")).toBe("2");
    });
  });

  it("says why an upload was refused, for each of the API's codes", async () => {
    const refusals = [
      [415, "records.unsupported_type", "This file is not a PDF, JPEG or PNG (checked by its content, not its name)."],
      [413, "records.file_too_large", "The file is too large: the limit is 10 MB."],
      [400, "records.invalid_document_date", "The date on the document must be a real date, not in the future and not before 1900."],
    ] as const;
    let next = 0;
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/mine": () => json(200, [{ id: "c1", kind: "video", status: "completed", origin: "appointment", doctorUserId: "d1", doctorName: "Anna Petrova" }]),
      "GET /me/record/documents": () => json(200, []),
      "GET /me/record/timeline": () => json(200, page({})),
      "POST /me/record/documents": () => problem(refusals[next][0], refusals[next][1]),
    });
    renderApp("/patient/record");
    const user = userEvent.setup();
    const form = await screen.findByTestId("upload-form");
    await user.click(within(form).getByRole("button", { name: "Upload" }));
    expect(within(form).getByRole("alert")).toHaveTextContent("Choose a file to upload.");
    await user.upload(within(form).getByLabelText("File"), new File(["hello"], "note.pdf", { type: "application/pdf" }));
    await user.click(within(form).getByRole("radio", { name: "One of my doctors" }));
    await user.selectOptions(await within(form).findByLabelText("Doctor"), "Anna Petrova");
    for (const [, , text] of refusals) {
      await user.click(within(form).getByRole("button", { name: "Upload" }));
      expect(await within(form).findByText(text)).toBeInTheDocument();
      next++;
    }
  });

  it("uploads the same document again after an error with the same Idempotency-Key, and a changed one with a new key", async () => {
    let answers = 0;
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/mine": () => json(200, []),
      "GET /me/record/documents": () => json(200, []),
      "GET /me/record/timeline": () => json(200, page({})),
      // The first answer is an error: the server may still have stored the document, so the retry says it is the same upload.
      "POST /me/record/documents": () => (++answers < 3 ? problem(503, "database.unavailable") : json(202, { id: "doc1" })),
    });
    renderApp("/patient/record");
    const user = userEvent.setup();
    const form = await screen.findByTestId("upload-form");
    await user.upload(within(form).getByLabelText("File"), new File(["hello"], "note.pdf", { type: "application/pdf" }));
    await user.type(within(form).getByLabelText("Description"), "Blood count");
    await user.click(within(form).getByRole("button", { name: "Upload" }));
    await within(form).findByRole("alert");
    await user.click(within(form).getByRole("button", { name: "Upload" }));
    await waitFor(() => expect(api.callsTo("POST", "/me/record/documents")).toHaveLength(2));
    await waitFor(() => expect(within(form).getByRole("button", { name: "Upload" })).toBeEnabled());
    await user.type(within(form).getByLabelText("Description"), " in May");
    await user.click(within(form).getByRole("button", { name: "Upload" }));
    await waitFor(() => expect(api.callsTo("POST", "/me/record/documents")).toHaveLength(3));
    const [first, retry, changed] = api.callsTo("POST", "/me/record/documents").map((c) => c.headers["Idempotency-Key"]);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(retry).toBe(first);
    expect(changed).not.toBe(first);
  });

  it("in Russian, refuses a document date in the future under the field, in the app's words, and uploads nothing", async () => {
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/mine": () => json(200, []),
      "GET /me/record/documents": () => json(200, []),
      "GET /me/record/timeline": () => json(200, page({})),
    });
    const { i18n } = renderApp("/patient/record", "ru");
    const user = userEvent.setup();
    const form = await screen.findByTestId("upload-form");
    expect(form).toHaveAttribute("novalidate");
    await user.upload(within(form).getByLabelText("Файл"), new File(["hello"], "note.pdf", { type: "application/pdf" }));
    const date = within(form).getByLabelText("Дата документа");
    fireEvent.change(date, { target: { value: "2999-01-01" } });
    await user.click(within(form).getByRole("button", { name: "Загрузить" }));

    expect(date).toHaveFocus();
    expect(date).toHaveAttribute("aria-invalid", "true");
    const max = date.getAttribute("max")!;
    const shown = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${max}T00:00:00Z`));
    expect(date).toHaveAccessibleDescription(`Дата должна быть не позже ${shown}`);
    expect(api.calls.filter((c) => c.method === "POST")).toHaveLength(0);
  });

  it("changes a document's sharing to private", async () => {
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/mine": () => json(200, []),
      "GET /me/record/documents": () => json(200, [doc({})]),
      "GET /me/record/timeline": () => json(200, page({})),
      [`PUT /me/record/documents/${doc({}).id}/sharing`]: () => json(200, doc({ sharing: "private" })),
    });
    renderApp("/patient/record");
    const user = userEvent.setup();
    const list = await screen.findByTestId("my-documents");
    await user.click(await within(list).findByRole("button", { name: /Change sharing/ }));
    await user.click(within(list).getByRole("radio", { name: "Only me" }));
    await user.click(within(list).getByRole("button", { name: "Save sharing" }));
    await waitFor(() => expect(api.callsTo("PUT", `/me/record/documents/${doc({}).id}/sharing`)[0]?.body).toEqual({ sharing: "private" }));
  });
});

describe("the doctor's view of the record", () => {
  it("shows break-glass as a banner, the shared documents to download and the timeline", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      [`GET /patients/${patientId}/record/documents`]: () => json(200, [doc({ sharing: null })]),
      [`GET /patients/${patientId}/record/timeline`]: () => json(200, page({ items: [labEntry], total: 1, breakGlass: true })),
    });
    renderApp(`/doctor/patients/${patientId}/record`);
    expect(await screen.findByTestId("break-glass-banner")).toHaveTextContent("Emergency access (break-glass)");
    const documents = screen.getByTestId("patient-documents");
    expect(await within(documents).findByRole("link", { name: "Blood count from my local lab" })).toHaveAttribute(
      "href",
      `/api/v1/patients/${patientId}/record/documents/${doc({}).id}/content`,
    );
    expect(within(screen.getByTestId("record-timeline")).getByRole("link", { name: "Basic metabolic panel" })).toHaveAttribute("href", `/doctor/lab-results/${labEntry.id}`);
  });

  it("tells the doctor a lab result the lab withdrew on the timeline in words, in English and Russian, not the API's 'withdrawn'", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      [`GET /patients/${patientId}/record/documents`]: () => json(200, []),
      [`GET /patients/${patientId}/record/timeline`]: () => json(200, page({ items: [{ ...labEntry, status: "withdrawn" }], total: 1 })),
    });
    const { unmount } = renderApp(`/doctor/patients/${patientId}/record`);
    expect(await within(await screen.findByTestId("record-timeline")).findByText("Withdrawn by the lab: the values were wrong")).toBeInTheDocument();
    unmount();
    renderApp(`/doctor/patients/${patientId}/record`, "ru");
    expect(await within(await screen.findByTestId("record-timeline")).findByText("Отозван лабораторией: значения ошибочны")).toBeInTheDocument();
  });

  it("reads 404 as no access", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Doctor"])),
      [`GET /patients/${patientId}/record/documents`]: () => problem(404, "records.patient_not_found"),
      [`GET /patients/${patientId}/record/timeline`]: () => problem(404, "records.patient_not_found"),
    });
    renderApp(`/doctor/patients/${patientId}/record`);
    await waitFor(() => expect(screen.getAllByTestId("record-no-access")).toHaveLength(2));
    expect(screen.getAllByTestId("record-no-access")[0]).toHaveTextContent("You have no access to this patient's record");
    expect(screen.queryByTestId("break-glass-banner")).toBeNull();
  });
  it("lets a guardian pick a dependant's record: the documents, the timeline, the download and the upload name the child", async () => {
    const childId = "99999999-9999-4999-8999-999999999999";
    const child = { id: childId, givenName: "Sofia", familyName: "Kuznetsova", dateOfBirth: "2019-06-08", sex: "female" };
    const childsDoc = doc({ id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", description: "Vaccination certificate", type: "other" });
    const childsEntry = { kind: "document", id: childsDoc.id, occurredAt: "2026-11-20T12:00:00Z", title: "Vaccination certificate", detail: "other", status: "available" };
    const forChild = (query: URLSearchParams) => query.get("patientId") === childId;
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/mine": () => json(200, []),
      "GET /me/dependents": () => json(200, [child]),
      "GET /me/record/documents": (req) => json(200, forChild(req.query) ? [childsDoc] : [doc({})]),
      "GET /me/record/timeline": (req) => json(200, forChild(req.query) ? page({ items: [childsEntry], total: 1 }) : page({})),
      "POST /me/record/documents": () => json(202, { ...childsDoc, id: "new", status: "pending_scan" }),
    });
    renderApp("/patient/record");
    const user = userEvent.setup();
    const list = await screen.findByTestId("my-documents");
    expect(await within(list).findByText("Blood count from my local lab")).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Whose record"), "Sofia Kuznetsova");

    const download = `/api/v1/me/record/documents/${childsDoc.id}/content?patientId=${childId}`;
    expect(await within(list).findByRole("link", { name: /Download: Vaccination certificate/ })).toHaveAttribute("href", download);
    expect(within(list).queryByText("Blood count from my local lab")).not.toBeInTheDocument();
    const timeline = screen.getByTestId("record-timeline");
    expect(await within(timeline).findByRole("link", { name: "Vaccination certificate" })).toHaveAttribute("href", download);

    const form = screen.getByTestId("upload-form");
    await user.upload(within(form).getByLabelText("File"), new File(["hello"], "certificate.pdf", { type: "application/pdf" }));
    await user.click(within(form).getByRole("button", { name: "Upload" }));
    await waitFor(() => expect(api.callsTo("POST", "/me/record/documents")).toHaveLength(1));
    expect(api.callsTo("POST", "/me/record/documents")[0]!.query.get("patientId")).toBe(childId);
    // The account's own record is asked for with no patientId at all, as before.
    expect(api.callsTo("GET", "/me/record/documents")[0]!.query.has("patientId")).toBe(false);
  }, 30000);

  it("words a chosen child's record for the child and offers only the child's doctors to share with, and the reader's own only theirs", async () => {
    const childId = "99999999-9999-4999-8999-999999999999";
    const child = { id: childId, givenName: "Sofia", familyName: "Kuznetsova", dateOfBirth: "2019-06-08", sex: "female" };
    const ownId = "77777777-7777-4777-8777-777777777777";
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      // The guardian's own visit (with Anna Petrova) names no one; Sofia's (with Dmitry Kozlov) names her.
      "GET /consultations/mine": () =>
        json(200, [
          { id: "c1", kind: "video", status: "completed", origin: "appointment", doctorUserId: "d1", doctorName: "Anna Petrova", patientId: ownId },
          { id: "c2", kind: "video", status: "completed", origin: "appointment", doctorUserId: "d2", doctorName: "Dmitry Kozlov", patientId: childId, patientName: "Sofia Kuznetsova" },
        ]),
      "GET /me/dependents": () => json(200, [child]),
      "GET /me/record/documents": () => json(200, [doc({})]),
      "GET /me/record/timeline": () => json(200, page({})),
    });
    renderApp("/patient/record");
    const user = userEvent.setup();
    const form = await screen.findByTestId("upload-form");
    expect(await screen.findByRole("heading", { name: "My documents" })).toBeInTheDocument();
    expect(within(form).getByRole("radio", { name: "My care team (doctors treating me)" })).toBeInTheDocument();
    await user.click(within(form).getByRole("radio", { name: "One of my doctors" }));
    const ownDoctors = within(form).getByRole("combobox", { name: "Doctor" });
    expect(within(ownDoctors).getByRole("option", { name: "Anna Petrova" })).toBeInTheDocument();
    expect(within(ownDoctors).queryByRole("option", { name: "Dmitry Kozlov" })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText("Whose record"), "Sofia Kuznetsova");
    expect(await screen.findByRole("heading", { name: "Sofia's documents" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "My documents" })).not.toBeInTheDocument();
    const childsForm = screen.getByTestId("upload-form");
    expect(within(childsForm).getByRole("radio", { name: "Sofia's care team (doctors treating Sofia)" })).toBeChecked();
    expect(within(childsForm).queryByRole("radio", { name: /My care team|One of my doctors/ })).not.toBeInTheDocument();
    // Her document's sharing reads as hers too.
    expect(within(screen.getByTestId("my-documents")).getByTestId("document-sharing")).toHaveTextContent("Sofia's care team (doctors treating Sofia)");
    await user.click(within(childsForm).getByRole("radio", { name: "One of Sofia's doctors" }));
    const childsDoctors = within(childsForm).getByRole("combobox", { name: "Doctor" });
    expect(within(childsDoctors).getByRole("option", { name: "Dmitry Kozlov" })).toBeInTheDocument();
    expect(within(childsDoctors).queryByRole("option", { name: "Anna Petrova" })).not.toBeInTheDocument();
  }, 30000);

  it("words a child's record in Russian", async () => {
    const child = { id: "c", givenName: "София", familyName: "Кузнецова", dateOfBirth: "2019-06-08", sex: "female" };
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/mine": () => json(200, []),
      "GET /me/dependents": () => json(200, [child]),
      "GET /me/record/documents": () => json(200, []),
      "GET /me/record/timeline": () => json(200, page({})),
    });
    renderApp("/patient/record", "ru");
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText("Чья медкарта"), "София Кузнецова");
    expect(await screen.findByRole("heading", { name: "Документы пациента София" })).toBeInTheDocument();
    const form = screen.getByTestId("upload-form");
    expect(within(form).getByRole("radio", { name: "Лечащие врачи пациента София (врачи, у которых лечится София)" })).toBeInTheDocument();
    await user.click(within(form).getByRole("radio", { name: "Один из врачей пациента София" }));
    expect(within(form).getByText("У пациента София пока нет врачей: откройте документ лечащим врачам или оставьте только себе.")).toBeInTheDocument();
  }, 30000);

  it("offers the choice in Russian, and not at all to a patient without dependants", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/mine": () => json(200, []),
      "GET /me/dependents": () => json(200, [{ id: "c", givenName: "Sofia", familyName: "Kuznetsova", dateOfBirth: "2019-06-08", sex: "female" }]),
      "GET /me/record/documents": () => json(200, []),
      "GET /me/record/timeline": () => json(200, page({})),
    });
    const first = renderApp("/patient/record", "ru");
    const whose = await screen.findByLabelText("Чья медкарта");
    expect(within(whose).getByRole("option", { name: "Моя" })).toBeInTheDocument();
    first.unmount();

    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Patient"])),
      "GET /consultations/mine": () => json(200, []),
      "GET /me/dependents": () => json(200, []),
      "GET /me/record/documents": () => json(200, []),
      "GET /me/record/timeline": () => json(200, page({})),
    });
    renderApp("/patient/record");
    await screen.findByTestId("record-timeline");
    expect(screen.queryByLabelText("Whose record")).not.toBeInTheDocument();
  }, 30000);
});

describe("timeline helpers", () => {
  it("parses a lab result's flag counts and ignores anything else", () => {
    expect(parseFlagSummary("HH 1 · H 2 · N 5")).toEqual([["HH", 1], ["H", 2], ["N", 5]]);
    // Tests the lab gave no result for are counted too, so a report with missing values never reads as all normal.
    expect(parseFlagSummary("N 2 · NR 1")).toEqual([["N", 2], ["NR", 1]]);
    expect(parseFlagSummary("7.1 mmol/L")).toEqual([]);
    expect(parseFlagSummary(null)).toEqual([]);
  });

  it("links documents only once clean, and the doctor's to the patient's content", () => {
    const entry = { kind: "document", id: "d", occurredAt: "", title: "x", status: "pending_scan" };
    expect(linkFor(entry, { kind: "patient" })).toBeNull();
    expect(linkFor({ ...entry, status: "available" }, { kind: "patient" })).toEqual({ to: "/api/v1/me/record/documents/d/content", download: true });
    expect(linkFor({ ...entry, status: "available" }, { kind: "patient", patientId: "c" })?.to).toBe("/api/v1/me/record/documents/d/content?patientId=c");
    expect(linkFor({ ...entry, status: "available" }, { kind: "doctor", patientId: "p" })?.to).toBe("/api/v1/patients/p/record/documents/d/content");
    expect(linkFor({ ...entry, kind: "prescription" }, { kind: "doctor", patientId: "p" })).toBeNull();
  });
});
