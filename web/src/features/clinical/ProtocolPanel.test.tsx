import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../../test/renderWithProviders";
import { json, mockApi, problem, type MockRequest } from "../../test/mockApi";
import { ProtocolPanel } from "./ProtocolPanel";
import type { VisitProtocol } from "./clinicalApi";

const russianFirstVisit = { jurisdiction: "ru-323fz", hasPriorInPersonVisit: false, mayConfirmDiagnosis: false, mayStartNewTreatment: false, inPersonReferralRequired: true, restrictionCode: "clinical.confirmed_diagnosis_needs_in_person_visit" };

function protocol(overrides: Partial<VisitProtocol> = {}): VisitProtocol {
  return {
    consultationId: "c1",
    status: "draft",
    version: 0,
    complaints: "Headache\nThrobbing behind the eyes",
    historyOfPresentIllness: "",
    objectiveFindings: "",
    recommendations: "",
    diagnoses: [],
    referrals: [],
    followUpOn: null,
    updatedAt: null,
    policy: russianFirstVisit,
    complaint: { summary: "Headache", description: "Throbbing behind the eyes", priority: "standard" },
    signedAt: null,
    signedBy: null,
    addenda: [],
    ...overrides,
  };
}

function saving(saves: MockRequest[], answer?: (req: MockRequest) => ReturnType<typeof json>) {
  return (req: MockRequest) => {
    saves.push(req);
    if (answer) return answer(req);
    const body = req.body as { version: number };
    return json(200, protocol({ ...(req.body as object), version: body.version + 1, updatedAt: "2030-01-14T11:02:00Z" } as Partial<VisitProtocol>));
  };
}

describe("the visit protocol panel", () => {
  it("pre-fills the complaints, explains the 323-FZ limits and autosaves an edit with the version it read", async () => {
    const saves: MockRequest[] = [];
    mockApi({ "GET /consultations/c1/protocol": () => json(200, protocol()), "PUT /consultations/c1/protocol": saving(saves) });
    renderWithProviders(<ProtocolPanel consultationId="c1" />);

    expect(await screen.findByLabelText("Complaints")).toHaveValue("Headache\nThrobbing behind the eyes");
    expect(screen.getByTestId("confirmed-not-allowed")).toHaveTextContent("323-FZ");
    expect(screen.getByTestId("in-person-referral-required")).toBeInTheDocument();
    expect(screen.getByTestId("protocol-save-state")).toHaveTextContent("Not saved yet");

    await userEvent.type(screen.getByLabelText("History of the present illness"), "Four days");
    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 4000 });
    expect(saves[0]!.body).toMatchObject({ version: 0, historyOfPresentIllness: "Four days", complaints: "Headache\nThrobbing behind the eyes", followUpOn: null });
    await waitFor(() => expect(screen.getByTestId("protocol-save-state")).toHaveAttribute("data-state", "saved"));
    expect(screen.getByTestId("protocol-save-state")).toHaveTextContent(/Saved \d\d:\d\d/);

    await userEvent.type(screen.getByLabelText("Recommendations"), "Rest");
    await userEvent.tab();
    await waitFor(() => expect(saves).toHaveLength(2));
    expect((saves[1]!.body as { version: number }).version).toBe(1);
  });

  it("adds an ICD-10 diagnosis found by words with the keyboard, as the primary and preliminary one; confirmed is not offered", async () => {
    const saves: MockRequest[] = [];
    const api = mockApi({
      "GET /consultations/c1/protocol": () => json(200, protocol()),
      "PUT /consultations/c1/protocol": saving(saves),
      "GET /clinical/icd10": () => json(200, [{ code: "G44.2", titleEn: "Tension-type headache", titleRu: "Головная боль напряженного типа" }, { code: "R51", titleEn: "Headache", titleRu: "Головная боль" }]),
    });
    renderWithProviders(<ProtocolPanel consultationId="c1" />);

    const search = await screen.findByRole("combobox", { name: /search ICD-10/ });
    await userEvent.type(search, "headache");
    const list = await screen.findByRole("listbox");
    await within(list).findByRole("option", { name: /G44.2/ });
    expect(search).toHaveAttribute("aria-expanded", "true");
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(api.callsTo("GET", "/clinical/icd10")[0]!.query.get("q")).toBe("headache");

    const row = await screen.findByTestId("protocol-diagnosis");
    expect(row).toHaveAttribute("data-code", "R51");
    expect(within(row).getByLabelText("Role")).toHaveValue("primary");
    expect(within(row).getByLabelText("Certainty")).toHaveValue("preliminary");
    expect(within(row).getByRole("option", { name: "Confirmed" })).toBeDisabled();

    await waitFor(() => expect(saves).toHaveLength(1), { timeout: 4000 });
    expect((saves[0]!.body as { diagnoses: unknown }).diagnoses).toEqual([{ code: "R51", role: "primary", certainty: "preliminary" }]);
  });

  it("says when another tab saved in between and reloads on request", async () => {
    let reads = 0;
    mockApi({
      "GET /consultations/c1/protocol": () => json(200, protocol({ version: reads++ === 0 ? 3 : 4, historyOfPresentIllness: reads > 1 ? "From the other tab" : "", updatedAt: "2030-01-14T11:00:00Z" })),
      "PUT /consultations/c1/protocol": () => problem(409, "clinical.protocol_changed"),
    });
    renderWithProviders(<ProtocolPanel consultationId="c1" />);

    await userEvent.type(await screen.findByLabelText("Objective findings"), "Alert");
    await userEvent.tab();
    expect(await screen.findByText(/changed elsewhere/)).toBeInTheDocument();
    expect(screen.getByLabelText("Objective findings")).toBeDisabled();
    expect(screen.getByLabelText("Objective findings")).toHaveAttribute("dir", "auto");
    // Sign waits for the reload, and the notice that says so is its description.
    const sign = screen.getByRole("button", { name: "Sign the protocol" });
    expect(sign).toBeDisabled();
    expect(sign).toHaveAccessibleDescription(/changed elsewhere/);
    await userEvent.click(screen.getByRole("button", { name: "Reload the protocol" }));
    await waitFor(() => expect(screen.getByLabelText("History of the present illness")).toHaveValue("From the other tab"));
    expect(screen.getByLabelText("Objective findings")).toBeEnabled();
    expect(screen.getByRole("button", { name: "Sign the protocol" })).not.toHaveAccessibleDescription();
  });

  it("signs after a confirmation, then is read-only with a signed addendum and a valid signature check", async () => {
    const signedView = protocol({ status: "signed", version: 2, diagnoses: [{ code: "R51", title: "Headache", role: "primary", certainty: "preliminary" }], signedAt: "2030-01-14T11:05:00Z", signedBy: "Natalia Lebedeva" });
    const check = { valid: true, documentIntact: true, signerName: "Natalia Lebedeva", certificateSerial: "01", signedAt: "2030-01-14T11:05:00Z", certificateStatus: "valid", problem: null };
    const api = mockApi({
      "GET /consultations/c1/protocol": () => json(200, protocol({ version: 2, updatedAt: "2030-01-14T11:00:00Z" })),
      "POST /consultations/c1/protocol/sign": () => json(200, signedView),
      "POST /consultations/c1/protocol/addenda": (req) =>
        json(200, { ...signedView, addenda: [{ id: "a1", text: (req.body as { text: string }).text, createdAt: "2030-01-14T12:00:00Z", signedBy: "Natalia Lebedeva" }] }),
      "GET /consultations/c1/protocol/verification": () => json(200, { consultationId: "c1", protocol: check, addenda: [] }),
    });
    renderWithProviders(<ProtocolPanel consultationId="c1" />);

    await userEvent.click(await screen.findByRole("button", { name: "Sign the protocol" }));
    const dialog = screen.getByRole("alertdialog", { name: "Sign the protocol?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Sign now" }));
    expect(api.callsTo("POST", "/consultations/c1/protocol/sign")[0]!.body).toEqual({ version: 2 });

    expect(await screen.findByTestId("protocol-signed-by")).toHaveTextContent("Natalia Lebedeva");
    expect(screen.queryByRole("textbox", { name: "Complaints" })).not.toBeInTheDocument();
    expect(await screen.findByTestId("verification-protocol")).toHaveAttribute("data-valid", "true");
    expect(screen.getByTestId("verification-protocol")).toHaveTextContent("Valid");

    expect(screen.getByLabelText("New addendum")).toHaveAttribute("dir", "auto");
    await userEvent.type(screen.getByLabelText("New addendum"), "MRI booked");
    await userEvent.click(screen.getByRole("button", { name: "Sign the addendum" }));
    expect(await screen.findByTestId("protocol-addendum")).toHaveTextContent("MRI booked");
    expect(api.callsTo("POST", "/consultations/c1/protocol/addenda")[0]!.headers["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => expect(api.callsTo("GET", "/consultations/c1/protocol/verification").length).toBeGreaterThan(1));
  });

  it("explains a refused signature (no in-person referral on a first remote visit)", async () => {
    mockApi({
      "GET /consultations/c1/protocol": () => json(200, protocol({ version: 1, updatedAt: "2030-01-14T11:00:00Z" })),
      "POST /consultations/c1/protocol/sign": () => problem(422, "clinical.in_person_referral_required"),
    });
    renderWithProviders(<ProtocolPanel consultationId="c1" />);
    await userEvent.click(await screen.findByRole("button", { name: "Sign the protocol" }));
    await userEvent.click(screen.getByRole("button", { name: "Sign now" }));
    expect(await screen.findByTestId("protocol-sign-error")).toHaveTextContent("referral to an in-person visit");
  });

  it("picks a specialist referral's specialty from the directory and shows a refused referral target on that referral", async () => {
    const saves: MockRequest[] = [];
    const unrestricted = { ...russianFirstVisit, jurisdiction: "none", mayConfirmDiagnosis: true, inPersonReferralRequired: false, restrictionCode: null };
    mockApi({
      "GET /consultations/c1/protocol": () => json(200, protocol({ policy: unrestricted })),
      "GET /specialties": () => json(200, [{ code: "cardiology", name: "Cardiology" }, { code: "neurology", name: "Neurology" }]),
      "PUT /consultations/c1/protocol": (req) =>
        (req.body as { referrals: unknown[] }).referrals.length > 1
          ? saving(saves, () => problem(422, "clinical.unknown_referral_target", { "referrals[1].target": ["Not a LOINC code."] }))(req)
          : saving(saves)(req),
    });
    renderWithProviders(<ProtocolPanel consultationId="c1" />);

    await userEvent.click(await screen.findByRole("button", { name: "Add a referral" }));
    const specialist = screen.getAllByTestId("protocol-referral")[0]!;
    const specialty = within(specialist).getByLabelText("What (specialty, test or place)");
    expect(specialty.tagName).toBe("SELECT");
    await within(specialist).findByRole("option", { name: "Cardiology" });
    await userEvent.selectOptions(specialty, "cardiology");

    await userEvent.click(screen.getByRole("button", { name: "Add a referral" }));
    const lab = screen.getAllByTestId("protocol-referral")[1]!;
    await userEvent.selectOptions(within(lab).getByLabelText("Kind"), "labTest");
    const test = within(lab).getByLabelText("What (specialty, test or place)");
    await userEvent.type(test, "2345-8");
    await userEvent.tab();

    await waitFor(() => expect(saves.length).toBeGreaterThan(0));
    expect(saves.at(-1)!.body).toMatchObject({ referrals: [{ kind: "specialist", target: "cardiology" }, { kind: "labTest", target: "2345-8" }] });
    expect(await within(lab).findByTestId("protocol-referral-target-error")).toHaveTextContent("Not a LOINC code in the lab catalogue");
    expect(test).toHaveAttribute("aria-invalid", "true");
    expect(test).toHaveAccessibleDescription(/Not a LOINC code in the lab catalogue/);
    expect(specialty).not.toHaveAttribute("aria-invalid");
    expect(screen.getByTestId("protocol-save-state")).toHaveTextContent("does not know");
  });
});

describe("the protocol opened again", () => {
  it("starts from the last autosaved version, not the one first read", async () => {
    const saves: MockRequest[] = [];
    mockApi({ "GET /consultations/c1/protocol": () => json(200, protocol()), "PUT /consultations/c1/protocol": saving(saves) });
    const first = renderWithProviders(<ProtocolPanel consultationId="c1" />);
    await userEvent.type(await screen.findByLabelText("Objective findings"), "Alert");
    await userEvent.tab();
    await waitFor(() => expect(screen.getByTestId("protocol-save-state")).toHaveAttribute("data-state", "saved"));
    first.unmount();

    // Same query client (the call page, then the protocol page): the cache holds the saved version.
    const { render } = await import("@testing-library/react");
    const { QueryClientProvider } = await import("@tanstack/react-query");
    const { I18nextProvider } = await import("react-i18next");
    render(
      <I18nextProvider i18n={first.i18n}>
        <QueryClientProvider client={first.client}>
          <ProtocolPanel consultationId="c1" />
        </QueryClientProvider>
      </I18nextProvider>,
    );
    expect(await screen.findByLabelText("Objective findings")).toHaveValue("Alert");
    await userEvent.type(screen.getByLabelText("Recommendations"), "Rest");
    await userEvent.tab();
    await waitFor(() => expect(saves).toHaveLength(2));
    expect((saves[1]!.body as { version: number }).version).toBe(1);
  });
});
