import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, signedInSession } from "../../test/mockApi";

describe("the clinic page editor", () => {
  it("edits a language's Markdown, previews the server's sanitised HTML and saves", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: signedInSession(["Admin"]) }),
      "GET /admin/clinics/c1": () => ({
        body: { id: "c1", name: "Central Clinic", address: "", city: "Moscow", latitude: 0, longitude: 0, timeZone: "Europe/Moscow", phone: "", email: "", openingHours: "" },
      }),
      "GET /admin/clinics/c1/pages": () => ({
        body: [
          { language: "en", services: "## Services", visitTypes: "", faq: "", contacts: "", updatedAt: "2026-11-30T10:00:00Z" },
          { language: "ru", services: "", visitTypes: "", faq: "", contacts: "", updatedAt: null },
        ],
      }),
      "POST /admin/clinic-pages/preview": (req) => ({ body: { html: (req.body as { markdown: string }).markdown ? "<h2>Услуги</h2>" : "" } }),
      "PUT /admin/clinics/c1/pages/ru": (req) => ({ body: { language: "ru", ...(req.body as object), updatedAt: "2026-11-30T11:00:00Z" } }),
    });
    renderApp("/admin/clinics/c1/pages");
    expect(await screen.findByRole("heading", { name: "Public page of Central Clinic" })).toBeInTheDocument();
    expect(await screen.findByLabelText("Services")).toHaveValue("## Services");

    await userEvent.selectOptions(screen.getByLabelText("Language of the page"), "ru");
    await waitFor(() => expect(screen.getByLabelText("Services")).toHaveValue(""));
    await userEvent.type(screen.getByLabelText("Services"), "## Услуги");
    await userEvent.click(screen.getByRole("button", { name: "Preview" }));
    expect(await screen.findByTestId("page-preview")).toContainHTML("<h2>Услуги</h2>");

    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.callsTo("PUT", "/admin/clinics/c1/pages/ru")).toHaveLength(1));
    expect(api.callsTo("PUT", "/admin/clinics/c1/pages/ru")[0]!.body).toEqual({ services: "## Услуги", visitTypes: "", faq: "", contacts: "" });
  });
});
