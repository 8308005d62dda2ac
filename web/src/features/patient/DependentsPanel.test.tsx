import { describe, expect, it, vi } from "vitest";
import { configure, fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../../test/renderWithProviders";
import { mockApi, problem } from "../../test/mockApi";
import { DependentsPanel } from "./DependentsPanel";

configure({ asyncUtilTimeout: 4000 });
vi.setConfig({ testTimeout: 20_000 });

const child = { id: "d1", givenName: "Masha", familyName: "Ivanova", dateOfBirth: "2019-04-02", sex: "female" };

describe("DependentsPanel", () => {
  it("adds a child sent again after an error with the same Idempotency-Key, so the child is not added twice, and the next child with a new key", async () => {
    let answers = 0;
    const api = mockApi({
      "GET /me/dependents": () => ({ body: [] }),
      // The first answer is an error: the server may still have added the child, so the retry must say it is the same request.
      "POST /me/dependents": () => (++answers === 1 ? problem(503, "database.unavailable") : { status: 201, body: child }),
    });
    renderWithProviders(<DependentsPanel />);
    await userEvent.type(await screen.findByLabelText("Child's given name"), "Masha");
    await userEvent.type(screen.getByLabelText("Child's family name"), "Ivanova");
    fireEvent.change(screen.getByLabelText("Child's date of birth"), { target: { value: "2019-04-02" } });
    await userEvent.click(screen.getByRole("button", { name: "Add child" }));
    await screen.findByRole("alert");
    await userEvent.click(screen.getByRole("button", { name: "Add child" }));
    await waitFor(() => expect(api.callsTo("POST", "/me/dependents")).toHaveLength(2));
    const [first, retry] = api.callsTo("POST", "/me/dependents");
    expect(first!.headers["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(retry!.headers["Idempotency-Key"]).toBe(first!.headers["Idempotency-Key"]);
    expect(retry!.body).toEqual(first!.body);
    expect(first!.body).toMatchObject({ givenName: "Masha", familyName: "Ivanova", dateOfBirth: "2019-04-02" });

    await waitFor(() => expect(screen.getByLabelText("Child's given name")).toHaveValue(""));
    await userEvent.type(screen.getByLabelText("Child's given name"), "Misha");
    await userEvent.type(screen.getByLabelText("Child's family name"), "Ivanov");
    fireEvent.change(screen.getByLabelText("Child's date of birth"), { target: { value: "2021-01-15" } });
    await userEvent.click(screen.getByRole("button", { name: "Add child" }));
    await waitFor(() => expect(api.callsTo("POST", "/me/dependents")).toHaveLength(3));
    expect(api.callsTo("POST", "/me/dependents")[2]!.headers["Idempotency-Key"]).not.toBe(first!.headers["Idempotency-Key"]);
  });
});
