import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import { renderApp } from "../../test/renderApp";
import { json, mockApi, signedInSession } from "../../test/mockApi";
import type { AuditEntryView } from "./adminTypes";

const refusal = (id: number, actor: Partial<AuditEntryView>): AuditEntryView => ({
  id,
  sequence: id,
  occurredAt: "2026-12-06T04:36:00Z",
  actorRoles: [],
  action: "access.denied",
  recordType: "Endpoint",
  recordId: "POST /api/v1/admin/payments/{id:guid}/refund",
  ipAddress: "127.0.0.1",
  outcome: "denied",
  reason: "not in role: Admin required",
  breakGlass: false,
  ...actor,
});

describe("the admin's audit trail", () => {
  it("shows which endpoint a refused caller asked for, and a caller without a session as not signed in rather than the system", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Admin"])),
      "GET /admin/audit/choices": () => json(200, { actions: ["access.denied"], recordTypes: ["Endpoint"], roles: ["Admin", "Doctor"] }),
      "GET /admin/audit": () =>
        json(200, {
          items: [
            refusal(3, { actorId: null, reason: "not signed in: Admin required" }),
            refusal(2, { actorId: "d0c70000-0000-4000-8000-000000000001", actorName: "Anna Petrova", actorRoles: ["Doctor"] }),
            { ...refusal(1, { actorId: null }), action: "payment.captured", recordType: "Payment", recordId: "p1", ipAddress: null, outcome: "success" },
          ],
          total: 3,
          page: 1,
          pageSize: 50,
        }),
    });
    renderApp("/admin/audit");

    const rows = await screen.findAllByRole("row");
    const anonymous = rows.find((r) => r.textContent?.includes("not signed in: Admin required"))!;
    expect(within(anonymous).getByText("Not signed in")).toBeInTheDocument();
    expect(anonymous).toHaveTextContent("API endpoint: POST /api/v1/admin/payments/{id:guid}/refund");
    const doctor = rows.find((r) => r.textContent?.includes("Anna Petrova"))!;
    expect(doctor).toHaveTextContent("API endpoint: POST /api/v1/admin/payments/{id:guid}/refund");
    // A job (no session, no address) is still the system.
    const job = rows.find((r) => r.textContent?.includes("Payment captured"))!;
    expect(within(job).getByText("System")).toBeInTheDocument();
  });

  it("shows which record a caller refused by the endpoint's role asked for by its id", async () => {
    const paymentId = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Admin"])),
      "GET /admin/audit/choices": () => json(200, { actions: ["access.denied"], recordTypes: ["RequestedRecord"], roles: ["Admin", "Doctor"] }),
      "GET /admin/audit": () =>
        json(200, {
          items: [
            refusal(1, {
              actorId: "d0c70000-0000-4000-8000-000000000001",
              actorName: "Anna Petrova",
              actorRoles: ["Doctor"],
              recordType: "RequestedRecord",
              recordId: paymentId,
              reason: "not in role: Admin required (POST /api/v1/admin/payments/{id:guid}/refund)",
            }),
          ],
          total: 1,
          page: 1,
          pageSize: 50,
        }),
    });
    renderApp("/admin/audit");

    const row = (await screen.findAllByRole("row")).find((r) => r.textContent?.includes("Anna Petrova"))!;
    expect(row).toHaveTextContent(`Record asked for by id: ${paymentId}`);
  });

  it("labels every cell with its column, so that on a phone each entry reads as a card, and lets a route template wrap after its slashes", async () => {
    const route = "POST /api/v1/admin/payments/{id:guid}/refund";
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Admin"])),
      "GET /admin/audit/choices": () => json(200, { actions: ["access.denied"], recordTypes: ["Endpoint"], roles: ["Doctor"] }),
      "GET /admin/audit": () =>
        json(200, {
          items: [refusal(1, { actorId: "d0c70000-0000-4000-8000-000000000001", actorName: "Anna Petrova", actorRoles: ["Doctor"], reason: `not in role: Admin required (${route})` })],
          total: 1,
          page: 1,
          pageSize: 50,
        }),
    });
    renderApp("/admin/audit");

    const table = await screen.findByTestId("audit-table");
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    const cells = within(table).getAllByRole("cell");
    expect(cells.map((c) => c.getAttribute("data-label"))).toEqual(headers);
    // Each cell holds one element or one run of text: the stacked card's grid puts its label beside it, not beside each piece.
    for (const cell of cells) expect(cell.childNodes.length).toBeLessThanOrEqual(1);

    const id = table.querySelector("code")!;
    expect(id).toHaveTextContent(route);
    expect(id.querySelectorAll("wbr")).toHaveLength(route.split("/").length - 1);
    const reason = cells[cells.length - 1];
    expect(reason).toHaveTextContent(`not in role: Admin required (${route})`);
    expect(reason.querySelectorAll("wbr")).toHaveLength(route.split("/").length - 1);
  });

  it("words the system's own reasons in the admin's language and keeps a reason a person typed as typed", async () => {
    const route = "POST /api/v1/admin/payments/{id:guid}/refund";
    const doctor = { actorId: "d0c70000-0000-4000-8000-000000000001", actorName: "Anna Petrova", actorRoles: ["Doctor"] };
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Admin"])),
      "GET /admin/audit/choices": () => json(200, { actions: ["access.denied"], recordTypes: ["Endpoint"], roles: ["Doctor"] }),
      "GET /admin/audit": () =>
        json(200, {
          items: [
            refusal(5, {
              ...doctor,
              reason: `not in role: Admin or FrontDesk required (${route})`,
              reasonCode: "not_in_role",
              reasonArguments: { roles: "Admin or FrontDesk", endpoint: route },
            }),
            refusal(4, { ...doctor, recordType: "Consultation", recordId: "c1", reason: "not a participant", reasonCode: "not_a_participant", reasonArguments: {} }),
            refusal(3, { ...doctor, action: "access.break_glass", outcome: "success", recordType: "Patient", recordId: "p1", reason: "Unconscious patient brought in" }),
            refusal(2, { ...doctor, recordType: "Patient", recordId: "p2", reason: "a reason added later", reasonCode: "a_code_this_app_does_not_know", reasonArguments: {} }),
            refusal(1, {
              ...doctor,
              action: "prescription.override",
              outcome: "success",
              recordType: "Prescription",
              recordId: "rx1",
              reason: "finding duplicate_therapy",
              reasonCode: "overridden_finding",
              reasonArguments: { code: "duplicate_therapy" },
            }),
          ],
          total: 5,
          page: 1,
          pageSize: 50,
        }),
    });
    renderApp("/admin/audit", "ru");

    const table = await screen.findByTestId("audit-table");
    const reasons = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) => within(row).getAllByRole("cell").at(-1)!.textContent);
    expect(reasons).toEqual([
      `Нет роли, которой это разрешено — нужна роль: Администратор или Регистратура (${route})`,
      "Не участник",
      "Unconscious patient brought in",
      "a reason added later",
      "Предупреждение отклонено: Дублирование терапии",
    ]);
  });
});
