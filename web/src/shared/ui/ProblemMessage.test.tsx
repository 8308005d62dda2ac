import { screen } from "@testing-library/react";
import { renderWithProviders } from "../../test/renderWithProviders";
import { ApiError, problemToApiError } from "../api/errors";
import { ProblemMessage } from "./ProblemMessage";

const invalid = problemToApiError(400, {
  status: 400,
  title: "Validation failed",
  code: "validation.failed",
  errors: { "Items[0].Quantity": ["Must be at least 1."], Reason: ["Required."], SomethingNew: ["Too long."] },
});

describe("ProblemMessage", () => {
  it("lists a validation failure's field messages by their readable names, in the reader's language, after the line", () => {
    renderWithProviders(<ProblemMessage error={invalid} />, { language: "ru" });
    const alert = screen.getByRole("alert");
    const items = [...alert.querySelectorAll("li")].map((li) => li.textContent);
    // A member the app cannot name keeps its message alone, never the API's key.
    expect(items).toEqual(["Количество (№ 1): Must be at least 1.", "Причина: Required.", "Too long."]);
    expect(alert).toHaveAttribute("data-code", "validation.failed");
  });

  it("prefers the feature's text for its code and leaves out the fields the form shows", () => {
    const refused = new ApiError({ status: 422, code: "pharmacy.signature_invalid" });
    const { unmount } = renderWithProviders(<ProblemMessage error={refused} namespace="pharmacy" />);
    expect(screen.getByRole("alert")).toHaveTextContent("The signature does not verify. Do not dispense; contact the prescriber.");
    unmount();
    renderWithProviders(<ProblemMessage error={invalid} shownFields={["reason", "items[0].quantity"]} lead="Not sent." />);
    expect(screen.getByRole("alert").querySelectorAll("li")).toHaveLength(1);
    expect(screen.getByRole("alert").querySelector("p")).toHaveTextContent(/^Not sent\. /);
  });

  it("shows nothing without an error", () => {
    renderWithProviders(<ProblemMessage error={null} />);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
