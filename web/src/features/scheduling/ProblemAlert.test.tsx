import { screen } from "@testing-library/react";
import { renderWithProviders } from "../../test/renderWithProviders";
import { problemToApiError } from "../../shared/api/errors";
import { ProblemAlert } from "./common";

/** A 400 as the API sends it (keys as the server spells them: PascalCase, paths, indexes). */
const invalid = (errors: Record<string, string[]>) =>
  problemToApiError(400, { status: 400, title: "Validation failed", code: "validation.failed", errors });

describe("ProblemAlert's field messages", () => {
  it("the scheduling alert names the field for people, not by the API's key", () => {
    renderWithProviders(<ProblemAlert error={invalid({ GivenName: ["Required."], "Items[0].Quantity": ["Must be at least 1."] })} />);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Given name: Required.");
    expect(alert).toHaveTextContent("Quantity #1: Must be at least 1.");
    expect(alert.textContent).not.toMatch(/givenName|items\[0\]|quantity:/i);
  });

  it("the scheduling alert speaks Russian to a Russian reader", () => {
    renderWithProviders(<ProblemAlert error={invalid({ givenName: ["Обязательное поле."] })} />, { language: "ru" });
    expect(screen.getByRole("alert")).toHaveTextContent("Имя: Обязательное поле.");
    expect(screen.getByRole("alert").textContent).not.toContain("givenName");
  });

  it("shows a message alone when the app has no name for its member", () => {
    renderWithProviders(<ProblemAlert error={invalid({ "wards[3].bedCode": ["Too long."] })} />);
    const item = screen.getByRole("listitem");
    expect(item).toHaveTextContent(/^Too long\.$/);
  });

});
