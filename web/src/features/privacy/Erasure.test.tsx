import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { json, mockApi, problem, signedInSession } from "../../test/mockApi";
import type { ErasureRequestView } from "./privacyApi";
import { sentence } from "../../test/sentence";

const base = {
  "GET /auth/session": () => json(200, signedInSession(["Patient"])),
  "GET /me/access-report": () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
  "GET /me/consents": () => json(200, []),
};

const requested: ErasureRequestView = {
  id: "e1",
  status: "requested",
  reason: "I moved abroad",
  requestedAt: "2026-11-30T09:00:00Z",
  decidedAt: null,
  completedAt: null,
  declineReason: null,
  kept: [],
};

// jsdom has no object URLs; the download test adds them and they are taken away again after each test.
const { createObjectURL, revokeObjectURL } = URL;
afterEach(() => {
  vi.unstubAllGlobals();
  Object.assign(URL, { createObjectURL, revokeObjectURL });
});

describe("downloading my data", () => {
  it("saves the ZIP the server sends", async () => {
    const objectUrl = vi.fn(() => "blob:export");
    Object.assign(URL, { createObjectURL: objectUrl, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    const api = mockApi({ ...base, "GET /me/erasure-requests": () => json(200, []), "GET /me/export": () => json(200, { zip: true }) });
    renderApp("/patient/privacy");

    await userEvent.setup().click(await screen.findByRole("button", { name: "Download my data" }));

    expect(await screen.findByText(/has been downloaded/)).toBeInTheDocument();
    expect(objectUrl).toHaveBeenCalledTimes(1);
    expect(click).toHaveBeenCalledTimes(1);
    expect(api.callsTo("GET", "/me/export")).toHaveLength(1);
    click.mockRestore();
  });

  it("says in words that the limit was reached on 429", async () => {
    mockApi({ ...base, "GET /me/erasure-requests": () => json(200, []), "GET /me/export": () => problem(429, "rate_limited") });
    renderApp("/patient/privacy");

    await userEvent.setup().click(await screen.findByRole("button", { name: "Download my data" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("You have downloaded your data several times recently. Please try again in an hour.");
  });
});

describe("asking to erase my data", () => {
  it("confirms with an optional reason and then shows the open request instead of the button", async () => {
    const api = mockApi({
      ...base,
      "GET /me/erasure-requests": () => json(200, []),
      "POST /me/erasure-requests": () => json(201, requested),
    });
    renderApp("/patient/privacy");
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Ask to erase my data" }));
    const dialog = await screen.findByRole("dialog", { name: "Ask the clinic to erase your data?" });
    await user.type(within(dialog).getByLabelText("Why are you asking? (optional)"), "I moved abroad");
    await user.click(within(dialog).getByRole("button", { name: "Send the request" }));

    expect(await screen.findByText("Your request has been sent to the clinic.")).toBeInTheDocument();
    expect(screen.getByTestId("erasure-status")).toHaveTextContent("Waiting for the clinic");
    expect(screen.queryByRole("button", { name: "Ask to erase my data" })).not.toBeInTheDocument();
    expect(api.callsTo("POST", "/me/erasure-requests")[0]?.body).toEqual({ reason: "I moved abroad" });
  });

  it("puts an already open request into words", async () => {
    mockApi({ ...base, "GET /me/erasure-requests": () => json(200, []), "POST /me/erasure-requests": () => problem(409, "privacy.erasure_already_requested") });
    renderApp("/patient/privacy");
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Ask to erase my data" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Send the request" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("You already have an open request to erase your data.");
  });

  it("shows what was kept, why and until when, once carried out", async () => {
    const completed: ErasureRequestView = {
      ...requested,
      status: "completed",
      decidedAt: "2026-11-30T10:00:00Z",
      completedAt: "2026-11-30T10:01:00Z",
      kept: [{ category: "signedProtocols", jurisdiction: "ru-323fz", years: 25, legalSource: "Order 530n", keptUntil: "2051-11-30" }],
    };
    mockApi({ ...base, "GET /me/erasure-requests": () => json(200, [completed]) });
    renderApp("/patient/privacy");

    const kept = await screen.findByTestId("erasure-kept");
    expect(kept).toHaveTextContent("Signed visit protocols and diagnoses");
    expect(kept).toHaveTextContent("25 years; Order 530n");
    expect(kept).toHaveTextContent("2051");
  });

  it("shows the decline reason and lets the patient ask again", async () => {
    const declined: ErasureRequestView = { ...requested, status: "declined", decidedAt: "2026-11-30T10:00:00Z", declineReason: "An investigation is open." };
    mockApi({ ...base, "GET /me/erasure-requests": () => json(200, [declined]) });
    renderApp("/patient/privacy");

    expect(await screen.findByText(sentence("The clinic's answer: An investigation is open."))).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Ask to erase my data" })).toBeInTheDocument();
  });
});
