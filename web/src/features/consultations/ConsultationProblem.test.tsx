import { screen } from "@testing-library/react";
import { renderWithProviders } from "../../test/renderWithProviders";
import { problemToApiError } from "../../shared/api/errors";
import { ConsultationProblem } from "./common";

/** A 400 as the API sends it (keys as the server spells them: PascalCase, paths, indexes). */
const invalid = (errors: Record<string, string[]>) =>
  problemToApiError(400, { status: 400, title: "Validation failed", code: "validation.failed", errors });

describe("ConsultationProblem's field messages", () => {
  it("the consultation alert lists field messages too", () => {
    renderWithProviders(<ConsultationProblem error={invalid({ symptomCodes: ["Pick at least one."] })} />, { language: "ru" });
    expect(screen.getByRole("alert")).toHaveTextContent("Симптомы: Pick at least one.");
  });

});
