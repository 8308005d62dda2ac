import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { json, mockApi, problem, type MockResult } from "../../test/mockApi";
import { renderWithProviders } from "../../test/renderWithProviders";
import { CallGuestsNotice, ParticipantsPanel } from "./ParticipantsPanel";
import type { CallGuest } from "./callsApi";

const guest = (overrides: Partial<CallGuest>): CallGuest => ({
  guestId: "g1",
  displayName: "Maria Interpreter",
  role: "interpreter",
  status: "invited",
  invitedAt: "2026-12-02T03:00:00Z",
  ...overrides,
});

describe("ParticipantsPanel", () => {
  it("checks the e-mail, invites with the chosen role and shows the server's refusal readably", async () => {
    const guests: CallGuest[] = [];
    let refuse = false;
    const api = mockApi({
      "GET /consultations/k1/guests": () => json(200, guests),
      "POST /consultations/k1/guests": (req) => {
        if (refuse) return problem(409, "consultation.guest_limit");
        const body = req.body as { email: string; role: CallGuest["role"] };
        const created = guest({ guestId: "g2", displayName: "Pavel Novak", role: body.role });
        guests.push(created);
        return json(201, created);
      },
    });
    renderWithProviders(<ParticipantsPanel consultationId="k1" />);
    const user = userEvent.setup();
    expect(await screen.findByText("No guests invited.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Invite" }));
    expect(screen.getByText("Enter the guest's e-mail.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Guest's e-mail"), "not-an-address");
    await user.click(screen.getByRole("button", { name: "Invite" }));
    expect(screen.getByText("Enter a valid e-mail address.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/consultations/k1/guests")).toHaveLength(0);

    await user.clear(screen.getByLabelText("Guest's e-mail"));
    await user.type(screen.getByLabelText("Guest's e-mail"), "pavel@example.org");
    await user.selectOptions(screen.getByLabelText("Joins as"), "consultingDoctor");
    await user.click(screen.getByRole("button", { name: "Invite" }));
    await waitFor(() => expect(api.callsTo("POST", "/consultations/k1/guests").map((c) => c.body)).toEqual([{ email: "pavel@example.org", role: "consultingDoctor" }]));
    const row = await screen.findByTestId("guest-row");
    expect(row).toHaveTextContent("Pavel Novak");
    expect(row).toHaveTextContent("Consulting doctor");
    expect(row).toHaveTextContent("Invited");
    expect(screen.getByLabelText("Guest's e-mail")).toHaveValue("");

    refuse = true;
    await user.type(screen.getByLabelText("Guest's e-mail"), "third@example.org");
    await user.click(screen.getByRole("button", { name: "Invite" }));
    const error = await screen.findByTestId("invite-guest-error");
    expect(error).toHaveAttribute("data-code", "consultation.guest_limit");
    expect(error).toHaveTextContent("The call already has the most guests it can take.");
  });

  it("admits a waiting guest and removes one, re-reading the list", async () => {
    let guests: CallGuest[] = [guest({ status: "waiting" }), guest({ guestId: "g2", displayName: "Olga's son", role: "family", status: "admitted" })];
    const api = mockApi({
      "GET /consultations/k1/guests": () => json(200, guests),
      "POST /consultations/k1/guests/g1/admit": () => {
        guests = guests.map((g) => (g.guestId === "g1" ? { ...g, status: "admitted" } : g));
        return json(200, guests[0]);
      },
      "DELETE /consultations/k1/guests/g2": () => {
        guests = guests.map((g) => (g.guestId === "g2" ? { ...g, status: "removed" } : g));
        return json(204);
      },
    });
    renderWithProviders(<ParticipantsPanel consultationId="k1" />);
    const user = userEvent.setup();
    const rows = await screen.findAllByTestId("guest-row");
    expect(rows.map((r) => r.getAttribute("data-status"))).toEqual(["waiting", "admitted"]);
    expect(within(rows[1]!).queryByRole("button", { name: /Admit/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Admit Maria Interpreter" }));
    await waitFor(() => expect(screen.getAllByTestId("guest-row")[0]).toHaveAttribute("data-status", "admitted"));
    expect(api.callsTo("POST", "/consultations/k1/guests/g1/admit")).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Remove Olga's son" }));
    await waitFor(() => expect(screen.getAllByTestId("guest-row")).toHaveLength(1));
    expect(api.callsTo("DELETE", "/consultations/k1/guests/g2")).toHaveLength(1);
  });

  it("shows only the clicked row action as working; the other rows' actions wait disabled", async () => {
    let answer: (result: MockResult) => void = () => {};
    mockApi({
      "GET /consultations/k1/guests": () => json(200, [guest({ status: "waiting" }), guest({ guestId: "g2", displayName: "Olga's son", role: "family", status: "waiting" })]),
      "POST /consultations/k1/guests/g2/admit": () => new Promise<MockResult>((resolve) => (answer = resolve)),
    });
    renderWithProviders(<ParticipantsPanel consultationId="k1" />);
    const user = userEvent.setup();
    await screen.findAllByTestId("guest-row");
    const clicked = screen.getByRole("button", { name: "Admit Olga's son" });
    const others = ["Remove Olga's son", "Admit Maria Interpreter", "Remove Maria Interpreter"].map((name) => screen.getByRole("button", { name }));

    await user.click(clicked);
    expect(clicked).toBeDisabled();
    expect(clicked).toHaveAttribute("aria-busy", "true");
    for (const other of others) {
      expect(other).toBeDisabled();
      expect(other).not.toHaveAttribute("aria-busy");
    }
    const row = screen.getAllByTestId("guest-row")[1]!;
    expect(within(row).getAllByTestId("busy-announcement").map((a) => a.textContent)).toEqual(["Working…", ""]);

    answer(problem(409, "consultation.guest_not_waiting"));
    expect(await screen.findByTestId("guest-action-error")).toBeInTheDocument();
    for (const button of [clicked, ...others]) {
      expect(button).toBeEnabled();
      expect(button).not.toHaveAttribute("aria-busy");
    }
    expect(screen.getAllByTestId("busy-announcement").every((a) => a.textContent === "")).toBe(true);
  });

  it("shows an admit refusal from its code", async () => {
    mockApi({
      "GET /consultations/k1/guests": () => json(200, [guest({ status: "waiting" })]),
      "POST /consultations/k1/guests/g1/admit": () => problem(409, "consultation.guest_not_waiting"),
    });
    renderWithProviders(<ParticipantsPanel consultationId="k1" />);
    await userEvent.setup().click(await screen.findByRole("button", { name: "Admit Maria Interpreter" }));
    expect(await screen.findByTestId("guest-action-error")).toHaveTextContent("The guest has not asked to join yet.");
  });

  it("patient: lists who else is in the call, read-only", async () => {
    mockApi({
      "GET /consultations/k1/guests": () =>
        json(200, [guest({ status: "admitted" }), guest({ guestId: "g2", displayName: "Invited Only", status: "invited" })]),
    });
    renderWithProviders(<CallGuestsNotice consultationId="k1" />);
    const notice = await screen.findByTestId("call-guests-notice");
    expect(notice).toHaveTextContent("Also in this call: Maria Interpreter (Interpreter)");
    expect(notice).not.toHaveTextContent("Invited Only");
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});
