import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../../test/renderWithProviders";
import { json, mockApi, problem, type MockResult } from "../../test/mockApi";
import { AdminSigningCredentialsPage } from "./AdminSigningCredentialsPage";
import { MySigningCertificate } from "./MySigningCertificate";
import type { SigningCredential } from "./signingApi";

const active: SigningCredential = {
  id: "c1",
  doctorUserId: "u1",
  subject: "CN=Anna Petrova, O=Telemed",
  serialNumber: "4F2A01",
  issuedAt: "2026-01-10T08:00:00Z",
  notAfter: "2028-01-10T08:00:00Z",
  status: "active",
  revokedAt: null,
  revocationReason: null,
  doctorName: "Anna Petrova",
};
const renewed: SigningCredential = { ...active, id: "c2", serialNumber: "77B3", issuedAt: "2026-12-07T10:00:00Z" };

describe("the doctor's signing certificate", () => {
  it("renews after a confirmation and, when the answer is lost, sends the retry with the same Idempotency-Key", async () => {
    let rotations = 0;
    const api = mockApi({
      "GET /clinical/signing/credential": () => json(200, active),
      "POST /clinical/signing/credential/rotate": () => (++rotations === 1 ? problem(503, "service.unavailable") : json(200, renewed)),
    });
    renderWithProviders(<MySigningCertificate />);
    const details = await screen.findByTestId("certificate-details");
    expect(details).toHaveTextContent("4F2A01");
    expect(details).toHaveTextContent("Active");

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Renew certificate" }));
    const dialog = await screen.findByRole("dialog", { name: "Renew your signing certificate?" });
    expect(dialog).toHaveTextContent("4F2A01");
    await user.click(within(dialog).getByRole("button", { name: "Renew certificate" }));
    expect(await within(dialog).findByRole("alert")).toBeInTheDocument();
    expect(screen.getByTestId("certificate-details")).toHaveTextContent("4F2A01");

    await user.click(within(dialog).getByRole("button", { name: "Renew certificate" }));
    await waitFor(() => expect(screen.getByTestId("certificate-details")).toHaveTextContent("77B3"));
    expect(screen.getByText("Your new signing certificate is active.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    const posts = api.callsTo("POST", "/clinical/signing/credential/rotate");
    expect(posts).toHaveLength(2);
    expect(posts[0]!.headers["Idempotency-Key"]).toBeTruthy();
    expect(posts[1]!.headers["Idempotency-Key"]).toBe(posts[0]!.headers["Idempotency-Key"]);
  });
});

describe("the administrator's signing certificates", () => {
  const superseded: SigningCredential = {
    ...active,
    id: "c0",
    serialNumber: "11AA",
    status: "revoked",
    revokedAt: "2026-01-10T08:00:00Z",
    revocationReason: "superseded",
  };
  const other: SigningCredential = { ...active, id: "c9", doctorUserId: "u9", serialNumber: "9C9C", doctorName: "Sergey Volkov", subject: "CN=Sergey Volkov" };

  /** The server's list: the filters asked for applied to `all`, as GET /admin/signing/credentials does. */
  const listed = (all: SigningCredential[], query: URLSearchParams) => {
    const status = query.get("status");
    const doctor = query.get("doctor")?.toLowerCase();
    const items = all.filter((c) => (!status || c.status === status) && (!doctor || (c.doctorName ?? c.subject).toLowerCase().includes(doctor)));
    return json(200, { items, total: items.length, page: Number(query.get("page") ?? 1), pageSize: Number(query.get("pageSize") ?? 20) });
  };

  it("asks the server for active certificates by doctor, narrows by name and status, and revokes one with the chosen reason", async () => {
    let list = [other, active, superseded];
    let answer: (result: MockResult) => void = () => {};
    const api = mockApi({
      "GET /admin/signing/credentials": (req) => listed(list, req.query),
      "POST /admin/signing/credentials/c1/revoke": () => new Promise<MockResult>((resolve) => (answer = resolve)),
    });
    renderWithProviders(<AdminSigningCredentialsPage />);
    const table = await screen.findByTestId("signing-credentials");
    // Active first by default: the superseded one is not shown until asked for.
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(table).not.toHaveTextContent("11AA");
    expect(api.callsTo("GET", "/admin/signing/credentials")[0]!.query.get("status")).toBe("active");

    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Doctor"), "anna");
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(2));
    expect(table).toHaveTextContent("Anna Petrova");
    expect(api.callsTo("GET", "/admin/signing/credentials").at(-1)!.query.get("doctor")).toBe("anna");
    await user.selectOptions(screen.getByTestId("credential-status-filter"), "");
    expect(await screen.findByText("replaced by a new certificate", { exact: false })).toBeInTheDocument();
    expect(api.callsTo("GET", "/admin/signing/credentials").at(-1)!.query.has("status")).toBe(false);

    await user.click(screen.getByRole("button", { name: "Revoke: Anna Petrova" }));
    const dialog = await screen.findByRole("dialog", { name: "Revoke Anna Petrova's signing certificate?" });
    await user.selectOptions(within(dialog).getByLabelText("Reason"), "withdrawn");
    await user.click(within(dialog).getByRole("button", { name: "Revoke" }));
    expect(api.callsTo("POST", "/admin/signing/credentials/c1/revoke")[0]!.body).toEqual({ reason: "withdrawn" });

    const done = { ...active, status: "revoked", revokedAt: "2026-12-07T10:00:00Z", revocationReason: "withdrawn" };
    list = [other, done, superseded];
    answer(json(200, done));
    expect(await screen.findByRole("status")).toHaveTextContent("Anna Petrova's certificate 4F2A01 is revoked.");
    await waitFor(() => expect(screen.queryByRole("button", { name: "Revoke: Anna Petrova" })).not.toBeInTheDocument());
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("pages through more certificates than a page holds", async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...active, id: `m${i}`, serialNumber: `S${i}` }));
    const api = mockApi({
      "GET /admin/signing/credentials": (req) => {
        const page = Number(req.query.get("page") ?? 1);
        const size = Number(req.query.get("pageSize"));
        return json(200, { items: many.slice((page - 1) * size, page * size), total: many.length, page, pageSize: size });
      },
    });
    renderWithProviders(<AdminSigningCredentialsPage />);
    const table = await screen.findByTestId("signing-credentials");
    expect(within(table).getAllByRole("row")).toHaveLength(51);
    await userEvent.setup().click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(11));
    expect(api.callsTo("GET", "/admin/signing/credentials").at(-1)!.query.get("page")).toBe("2");
  });

  it("keeps the dialog open with the reason when the certificate is gone or already revoked", async () => {
    let refusal = problem(404, "clinical.credential_not_found");
    mockApi({
      "GET /admin/signing/credentials": (req) => listed([active], req.query),
      "POST /admin/signing/credentials/c1/revoke": () => refusal,
    });
    renderWithProviders(<AdminSigningCredentialsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Revoke: Anna Petrova" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Revoke" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("This signing certificate no longer exists. Reload the list.");
    refusal = problem(409, "clinical.credential_already_revoked");
    await user.click(within(dialog).getByRole("button", { name: "Revoke" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("This certificate was already revoked; its revocation stands. Reload the list.");
  });
});
