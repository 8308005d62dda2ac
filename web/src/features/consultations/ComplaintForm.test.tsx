import { describe, expect, it, vi } from "vitest";
import { configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, problem, signedInSession, type MockHandler } from "../../test/mockApi";
import type { ConsultationView, TriageResult } from "../../shared/api/consultations";

// The suite runs on busy machines: give renders that wait on fetches more time than the default second.
configure({ asyncUtilTimeout: 4000 });
vi.setConfig({ testTimeout: 20_000 });

vi.mock("./waitingRoomHub", async () => {
  const { FakeHubConnection } = await import("./testHub");
  return { createWaitingRoomConnection: () => new FakeHubConnection() };
});

const standard: TriageResult = { level: "standard", advice: "A doctor will see you in turn.", firedRules: [] };
const emergency: TriageResult = {
  level: "emergency",
  advice: "Call emergency services now (112, or 911 in North America, 103 in Russia).",
  firedRules: [
    { code: "chest-pain-with-breathlessness", title: "Chest pain with shortness of breath", level: "emergency", source: "NICE CG95" },
    { code: "chest-pain", title: "Chest pain", level: "urgent", source: "NICE CG95" },
  ],
};

const waiting: ConsultationView = {
  id: "c1",
  kind: "video",
  status: "waiting",
  origin: "onDemand",
  specialty: "Therapist",
  queue: { position: 2, estimatedWaitMinutes: 15, escalated: false },
};

function setup(routes: Record<string, MockHandler> = {}) {
  return mockApi({
    "GET /auth/session": () => ({ body: signedInSession(["Patient"]) }),
    "GET /specialties": () => ({ body: [{ code: "Therapist", name: "Therapist" }, { code: "Cardiology", name: "Cardiology" }] }),
    "GET /consultations/body-regions": () => ({
      body: { regions: [{ code: "chest", view: "front", label: "Chest" }], symptoms: [{ code: "shortnessOfBreath", label: "Shortness of breath" }] },
    }),
    "POST /consultations/triage": (req) => {
      const body = req.body as { regions: string[]; symptoms: string[] };
      return { body: body.regions.includes("chest") && body.symptoms.includes("shortnessOfBreath") ? emergency : standard };
    },
    "GET /consultations/c1": () => ({ body: waiting }),
    ...routes,
  });
}

async function openForm() {
  renderApp("/patient/see-a-doctor-now");
  await screen.findByRole("heading", { name: "See a doctor now", level: 1 });
  return screen.getByRole("form", { name: "What is bothering you?" });
}

async function fillValidForm() {
  await userEvent.selectOptions(await screen.findByLabelText("Specialty"), "Therapist");
  await userEvent.click(screen.getByRole("button", { name: "Chest" }));
  fireEvent.change(screen.getByLabelText("Severity"), { target: { value: "6" } });
  await userEvent.selectOptions(screen.getByLabelText("How long"), "hours");
}

describe("complaint form", () => {
  it("selects body regions by click and keyboard, lists them as removable chips", async () => {
    setup();
    await openForm();
    const chest = screen.getByRole("button", { name: "Chest" });
    expect(chest).toHaveAttribute("data-testid", "body-region-chest");
    expect(chest).toHaveAttribute("aria-pressed", "false");

    await userEvent.click(chest);
    expect(chest).toHaveAttribute("aria-pressed", "true");
    const chips = screen.getByTestId("selected-regions");
    expect(within(chips).getByText("Chest")).toBeInTheDocument();

    // Keyboard: Enter and Space toggle the focused region (labels fall back to our own texts).
    const leftArm = screen.getByTestId("body-region-left-arm");
    expect(leftArm).toHaveAccessibleName("Left arm");
    leftArm.focus();
    await userEvent.keyboard("{Enter}");
    expect(leftArm).toHaveAttribute("aria-pressed", "true");
    await userEvent.keyboard(" ");
    expect(leftArm).toHaveAttribute("aria-pressed", "false");
    await userEvent.keyboard(" ");
    expect(within(chips).getByText("Left arm")).toBeInTheDocument();

    // The back view has its own regions; selections of both views stay listed.
    expect(screen.queryByTestId("body-region-lower-back")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getByRole("button", { name: "Back" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.queryByTestId("body-region-chest")).not.toBeInTheDocument();
    const lowerBack = screen.getByRole("button", { name: "Lower back" });
    lowerBack.focus();
    await userEvent.keyboard("{Enter}");
    expect(within(chips).getAllByRole("listitem").map((li) => li.getAttribute("data-region"))).toEqual(["chest", "left-arm", "lower-back"]);

    // Removing a chip deselects the region.
    await userEvent.click(within(chips).getByRole("button", { name: "Remove Chest" }));
    expect(within(chips).queryByText("Chest")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Front" }));
    expect(screen.getByTestId("body-region-chest")).toHaveAttribute("aria-pressed", "false");
  });

  it("requires a region, the severity, the duration and a specialty before sending", async () => {
    const api = setup();
    await openForm();
    await userEvent.click(screen.getByRole("button", { name: "Find a doctor now" }));
    const summary = await screen.findByTestId("complaint-errors");
    expect(summary).toHaveTextContent("Choose a specialty.");
    expect(summary).toHaveTextContent("Choose at least one area on the body map.");
    expect(summary).toHaveTextContent("Set the severity on the scale.");
    expect(summary).toHaveTextContent("Choose how long this has been going on.");
    expect(screen.getByLabelText("Severity")).toHaveAttribute("aria-invalid", "true");
    expect(api.callsTo("POST", "/consultations/on-demand")).toHaveLength(0);

    await fillValidForm();
    expect(screen.getByLabelText("Severity")).toHaveAttribute("aria-valuetext", "6 of 10 — moderate");
    expect(screen.getByTestId("severity-value")).toHaveTextContent("6/10");
    await waitFor(() => expect(screen.queryByTestId("complaint-errors")).not.toBeInTheDocument());
  });

  it("checks triage only once the complaint has its severity and duration, which the API requires", async () => {
    const api = setup();
    await openForm();
    await userEvent.click(screen.getByRole("button", { name: "Chest" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Shortness of breath" }));
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(api.callsTo("POST", "/consultations/triage")).toHaveLength(0);
    fireEvent.change(screen.getByLabelText("Severity"), { target: { value: "6" } });
    await userEvent.selectOptions(screen.getByLabelText("How long"), "hours");
    await waitFor(() => expect(api.callsTo("POST", "/consultations/triage").length).toBeGreaterThan(0), { timeout: 3000 });
    expect(api.callsTo("POST", "/consultations/triage").at(-1)!.body).toMatchObject({ regions: ["chest"], severity: 6, duration: "hours" });
  });

  it("shows emergency advice and keeps the request out of the queue when triage says emergency", async () => {
    const api = setup();
    await openForm();
    await fillValidForm();
    await userEvent.click(screen.getByRole("checkbox", { name: "Shortness of breath" }));

    const advice = await screen.findByTestId("emergency-advice", {}, { timeout: 3000 });
    expect(advice).toHaveTextContent(emergency.advice);
    expect(advice).toHaveTextContent("Chest pain with shortness of breath");
    expect(within(advice).getByRole("link", { name: "Call 112" })).toHaveAttribute("href", "tel:112");
    expect(screen.getByRole("button", { name: "Find a doctor now" })).toBeDisabled();
    // The check sent the form as it was, with the chosen severity and duration.
    const last = api.callsTo("POST", "/consultations/triage").at(-1)!.body;
    expect(last).toMatchObject({ regions: ["chest"], severity: 6, duration: "hours", symptoms: ["shortnessOfBreath"] });

    await userEvent.click(screen.getByRole("checkbox", { name: "Shortness of breath" }));
    await waitFor(() => expect(screen.queryByTestId("emergency-advice")).not.toBeInTheDocument(), { timeout: 3000 });
    expect(screen.getByRole("button", { name: "Find a doctor now" })).toBeEnabled();
    expect(api.callsTo("POST", "/consultations/on-demand")).toHaveLength(0);
  });

  it("sends an on-demand request and opens the waiting room", async () => {
    const api = setup({
      "POST /consultations/on-demand": () => ({ status: 201, body: { admitted: true, triage: standard, consultation: waiting } }),
    });
    const app = renderApp("/patient/see-a-doctor-now");
    await screen.findByRole("heading", { name: "See a doctor now", level: 1 });
    await fillValidForm();
    await userEvent.click(screen.getByRole("radio", { name: "Chat" }));
    expect(screen.getByLabelText("Describe what is happening")).toHaveAttribute("dir", "auto");
    await userEvent.type(screen.getByLabelText("Describe what is happening"), "Pressing pain since lunch");
    await userEvent.click(screen.getByRole("button", { name: "Find a doctor now" }));

    await waitFor(() => expect(app.router().state.location.pathname).toBe("/patient/consultations/c1/waiting"));
    expect(api.callsTo("POST", "/consultations/on-demand")[0]!.body).toEqual({
      specialty: "Therapist",
      kind: "chat",
      complaint: {
        regions: ["chest"],
        severity: 6,
        duration: "hours",
        symptoms: [],
        description: "Pressing pain since lunch",
        photoIds: [],
      },
    });
    expect(await screen.findByTestId("queue-position")).toHaveTextContent("2");
  });

  it("shows the emergency screen when the server refuses the request", async () => {
    setup({ "POST /consultations/on-demand": () => ({ status: 200, body: { admitted: false, triage: emergency, consultation: null } }) });
    await openForm();
    await fillValidForm();
    await userEvent.click(screen.getByRole("button", { name: "Find a doctor now" }));
    const advice = await screen.findByTestId("emergency-advice");
    expect(advice).toHaveTextContent("You have not been placed in the queue.");
    expect(screen.queryByRole("button", { name: "Find a doctor now" })).not.toBeInTheDocument();
    await userEvent.click(within(advice).getByRole("button", { name: "Change my answers" }));
    expect(screen.getByRole("button", { name: "Chest" })).toHaveAttribute("aria-pressed", "true");
  });

  it("uploads photos, shows thumbnails and the server's message for a refused file", async () => {
    let n = 0;
    const api = setup({
      "POST /consultations/attachments": () =>
        ++n === 1
          ? { status: 201, body: { id: "att-1", contentType: "image/png", size: 10, fileName: "rash.png" } }
          : { status: 415, body: { ...problem(415, "attachment.unsupported_type")!.body as object, detail: "The file is a ZIP archive." } },
    });
    await openForm();
    const input = screen.getByLabelText("Add photos");
    await userEvent.upload(input, new File(["png"], "rash.png", { type: "image/png" }));
    const thumb = await screen.findByRole("img", { name: "rash.png" });
    expect(thumb).toHaveAttribute("src", "/api/v1/consultations/attachments/att-1");
    const upload = api.fetchMock.mock.calls.find(([url]) => String(url).endsWith("/consultations/attachments"))!;
    expect((upload[1]!.body as FormData).get("file")).toBeInstanceOf(File);

    await userEvent.upload(input, new File(["zip"], "notes.png", { type: "image/png" }));
    const errors = await screen.findByTestId("photo-errors");
    expect(errors).toHaveTextContent("notes.png was not added.");
    expect(errors).toHaveTextContent("This type of file is not accepted.");
    expect(errors).toHaveTextContent("The file is a ZIP archive.");
    expect(screen.getByText("1 of 5 photos")).toBeInTheDocument();
  });

  it("speaks Russian: our region and symptom labels over the server's English ones, translated advice and rules", async () => {
    setup();
    renderApp("/patient/see-a-doctor-now", "ru");
    await screen.findByRole("heading", { name: "Врач сейчас", level: 1 });
    await userEvent.click(screen.getByRole("button", { name: "Грудная клетка" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Одышка" }));
    // The check needs the whole complaint (the API refuses one without severity or duration).
    fireEvent.change(screen.getByLabelText("Выраженность"), { target: { value: "6" } });
    await userEvent.selectOptions(screen.getByLabelText("Как давно"), "hours");
    const advice = await screen.findByTestId("emergency-advice", {}, { timeout: 3000 });
    expect(advice).toHaveTextContent("Немедленно вызовите скорую помощь");
    expect(advice).toHaveTextContent("Боль в груди с одышкой");
    expect(within(advice).getByRole("link", { name: "Позвонить 103" })).toHaveAttribute("href", "tel:103");
    expect(screen.getByRole("button", { name: "Найти врача сейчас" })).toBeDisabled();
  });
});
