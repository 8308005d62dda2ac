import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../../test/renderWithProviders";
import { json, mockApi, problem } from "../../test/mockApi";
import { DoctorOwnProfilePage } from "./DoctorOwnProfilePage";

const profile = (currency: string) => ({
  id: "d1",
  displayName: "Anna Petrova",
  specialties: ["cardiology"],
  yearsOfExperience: 12,
  hourlyRate: { amountMinor: 300000, currency },
  languages: ["en", "ru"],
  clinics: [],
  status: "active",
  bio: "Cardiologist.",
  education: [{ institution: "Sechenov University", degree: "MD", year: 2010 }],
});

const credential = {
  id: "c1",
  doctorUserId: "u1",
  subject: "CN=Anna Petrova, O=Telemed",
  serialNumber: "4F2A",
  issuedAt: "2026-01-10T08:00:00Z",
  notAfter: "2028-01-10T08:00:00Z",
  status: "active",
  revokedAt: null,
  revocationReason: null,
  doctorName: "Anna Petrova",
};

afterEach(() => vi.restoreAllMocks());

describe("the doctor's own profile", () => {
  it("renders its currency list without a keyless option while the profile is put into the form", async () => {
    const consoleError = vi.spyOn(console, "error");
    mockApi({ "GET /me/doctor-profile": () => json(200, profile("RUB")), "GET /specialties": () => json(200, []), "GET /clinical/signing/credential": () => json(200, credential) });
    renderWithProviders(<DoctorOwnProfilePage />);
    const select = await screen.findByLabelText("Currency");
    await waitFor(() => expect(select).toHaveValue("RUB"));
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["RUB", "EUR", "USD"]);
    expect(consoleError.mock.calls.map((c) => String(c[0])).filter((m) => m.includes("key"))).toEqual([]);
  });

  it("offers a currency of the profile that is not in the usual list", async () => {
    mockApi({ "GET /me/doctor-profile": () => json(200, profile("KZT")), "GET /specialties": () => json(200, []), "GET /clinical/signing/credential": () => json(200, credential) });
    renderWithProviders(<DoctorOwnProfilePage />);
    await waitFor(() => expect(screen.getByLabelText("Currency")).toHaveValue("KZT"));
  });

  it("names a refused education entry in words in the alert, not by the API's key", async () => {
    mockApi({
      "GET /me/doctor-profile": () => json(200, profile("RUB")),
      "GET /specialties": () => json(200, []), "GET /clinical/signing/credential": () => json(200, credential),
      "PUT /me/doctor-profile": () => problem(400, "validation.failed", { "Education[0].Institution": ["Up to 200 characters."] }),
    });
    renderWithProviders(<DoctorOwnProfilePage />, { language: "en" });
    await waitFor(() => expect(screen.getByLabelText("Currency")).toHaveValue("RUB"));
    await userEvent.click(screen.getByRole("button", { name: "Save profile" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Education #1 › Institution: Up to 200 characters.");
    expect(alert.textContent).not.toMatch(/education\[0\]|institution:/);
  });
});
