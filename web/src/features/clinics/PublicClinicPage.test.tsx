import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { mockApi, session } from "../../test/mockApi";

const section = (html: string, language = "en") => ({ html, language });

describe("the clinics' public pages", () => {
  it("lists the clinics and shows one clinic's sections to a signed-out visitor, in the language asked", async () => {
    const api = mockApi({
      "GET /auth/session": () => ({ body: session() }),
      "GET /public/clinics": () => ({ body: [{ id: "c1", name: "Telemed Clinic Moscow", city: "Moscow", address: "Tverskaya st. 12" }] }),
      "GET /public/clinics/c1": (req) => ({
        body: {
          id: "c1", name: "Telemed Clinic Moscow", address: "Tverskaya st. 12", city: "Moscow", timeZone: "Europe/Moscow",
          phone: "+7 495 000-00-00", email: "", openingHours: "Mon–Fri 08:00–20:00", language: req.query.get("language"),
          services: section("<h2>What we offer</h2>"), visitTypes: section("<table><tbody><tr><td>Video</td></tr></tbody></table>"),
          faq: section(""), contacts: section("<p>Call us</p>"),
        },
      }),
    });
    renderApp("/clinics");
    await userEvent.click(await screen.findByRole("link", { name: "Telemed Clinic Moscow" }));
    const page = await screen.findByTestId("clinic-page");
    expect(within(page).getByRole("heading", { name: "Telemed Clinic Moscow", level: 1 })).toBeInTheDocument();
    expect(within(page).getByRole("heading", { name: "What we offer" })).toBeInTheDocument();
    expect(within(page).getByRole("cell", { name: "Video" })).toBeInTheDocument();
    // An empty section is left out; the phone is a link.
    expect(within(page).queryByRole("heading", { name: "Frequently asked questions" })).not.toBeInTheDocument();
    expect(within(page).getByRole("link", { name: "+7 495 000-00-00" })).toHaveAttribute("href", "tel:+74950000000");
    // Hours and sections are the clinic's own words, in whatever script it writes them.
    expect(within(page).getByText("Mon–Fri 08:00–20:00")).toHaveAttribute("dir", "auto");
    expect(within(page).getByRole("cell", { name: "Video" }).closest(".markdown")).toHaveAttribute("dir", "auto");
    expect(api.callsTo("GET", "/public/clinics/c1")[0]!.query.get("language")).toBe("en");
  });
});
