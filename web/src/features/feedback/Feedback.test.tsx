import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderApp } from "../../test/renderApp";
import { renderWithProviders } from "../../test/renderWithProviders";
import { json, mockApi, problem, signedInSession } from "../../test/mockApi";
import { LeaveReviewSection } from "./LeaveReviewSection";
import { DoctorReviewsSection } from "./DoctorReviewsSection";
import type { AdminReview, MyReview } from "./feedbackApi";

const consultationId = "11111111-2222-4333-8444-555555555555";
const reviewPath = `/consultations/${consultationId}/review`;

describe("the review form", () => {
  it("asks for stars first, then sends stars, words and the NPS answer, and thanks the patient with the review read-only", async () => {
    let sent: MyReview | undefined;
    const api = mockApi({
      [`GET ${reviewPath}`]: () => (sent ? json(200, sent) : json(204)),
      [`POST ${reviewPath}`]: (req) => {
        const body = req.body as { stars: number; text: string; nps: number | null };
        sent = { id: "r1", consultationId, ...body, createdAt: "2026-12-01T10:00:00Z", hidden: false };
        return json(201, sent);
      },
    });
    renderWithProviders(<LeaveReviewSection consultationId={consultationId} />);
    const user = userEvent.setup();

    const form = await screen.findByTestId("leave-review");
    await user.click(within(form).getByRole("button", { name: "Send review" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("Choose from 1 to 5 stars.");
    expect(api.callsTo("POST", reviewPath)).toHaveLength(0);

    const stars = within(form).getByRole("group", { name: "Your rating" });
    await user.click(within(stars).getByRole("radio", { name: "4 out of 5 stars" }));
    expect(within(form).getByLabelText("Your words (optional)")).toHaveAttribute("dir", "auto");
    await user.type(within(form).getByLabelText("Your words (optional)"), "  Clear and kind.  ");
    const nps = within(form).getByRole("group", { name: "How likely are you to recommend this doctor to a friend or colleague?" });
    expect(within(nps).getAllByRole("radio")).toHaveLength(11);
    await user.click(within(nps).getByRole("radio", { name: "9" }));
    await user.click(within(form).getByRole("button", { name: "Send review" }));

    expect(await screen.findByText("Thank you for your review!")).toBeInTheDocument();
    expect(api.callsTo("POST", reviewPath)[0]!.body).toEqual({ stars: 4, text: "Clear and kind.", nps: 9 });
    const mine = screen.getByTestId("my-review");
    expect(within(mine).getByRole("img", { name: "4 out of 5 stars" })).toBeInTheDocument();
    expect(mine).toHaveTextContent("Clear and kind.");
    expect(mine).toHaveTextContent("Would recommend: 9 of 10");
    expect(screen.queryByRole("button", { name: "Send review" })).not.toBeInTheDocument();
  });

  it("lets the patient skip the NPS question and puts a refusal into words", async () => {
    const api = mockApi({
      [`GET ${reviewPath}`]: () => json(204),
      [`POST ${reviewPath}`]: () => problem(409, "feedback.review_window_closed"),
    });
    renderWithProviders(<LeaveReviewSection consultationId={consultationId} />);
    const user = userEvent.setup();

    const form = await screen.findByTestId("leave-review");
    await user.click(within(form).getByRole("radio", { name: "2 out of 5 stars" }));
    await user.click(within(form).getByRole("radio", { name: "3" }));
    await user.click(within(form).getByRole("button", { name: "Skip this question" }));
    await user.click(within(form).getByRole("button", { name: "Send review" }));

    expect(await within(form).findByRole("alert")).toHaveTextContent("It is too long since this visit to leave a review.");
    expect(api.callsTo("POST", reviewPath)[0]!.body).toEqual({ stars: 2, text: "", nps: null });
  });

  it("shows nothing for a visit that is not the caller's", async () => {
    mockApi({ [`GET ${reviewPath}`]: () => problem(404, "feedback.consultation_not_found") });
    const { container } = renderWithProviders(<LeaveReviewSection consultationId={consultationId} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(container).toBeEmptyDOMElement();
  });
});

describe("the doctor's reviews", () => {
  it("shows the average, the count and the reviews as from a verified patient", async () => {
    mockApi({
      "GET /doctors/d1/reviews": () =>
        json(200, {
          doctorId: "d1",
          average: 4.5,
          count: 2,
          page: 1,
          pageSize: 20,
          items: [
            { id: "r2", stars: 5, text: "Excellent", date: "2026-11-30" },
            { id: "r1", stars: 4, text: "", date: "2026-11-20" },
          ],
        }),
    });
    renderWithProviders(<DoctorReviewsSection doctorId="d1" />);

    const summary = await screen.findByTestId("reviews-summary");
    expect(summary).toHaveTextContent("4.5 of 5");
    expect(summary).toHaveTextContent("2 reviews");
    const items = screen.getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("Verified patient");
    expect(items[0]).toHaveTextContent("Excellent");
    expect(within(items[1]!).getByRole("img", { name: "4 out of 5 stars" })).toBeInTheDocument();
  });

  it("says when there are no reviews yet", async () => {
    mockApi({ "GET /doctors/d1/reviews": () => json(200, { doctorId: "d1", average: null, count: 0, page: 1, pageSize: 20, items: [] }) });
    renderWithProviders(<DoctorReviewsSection doctorId="d1" />);
    expect(await screen.findByText("No reviews yet.")).toBeInTheDocument();
  });
});

describe("the admin's moderation page", () => {
  const review: AdminReview = {
    id: "r1",
    consultationId,
    doctorId: "d1",
    doctorUserId: "u9",
    doctorName: "Dr Natalia Lebedeva",
    stars: 1,
    text: "Rude words",
    nps: 0,
    createdAt: "2026-11-30T09:00:00Z",
    hidden: false,
    hiddenReason: null,
    hiddenByUserId: null,
    hiddenAt: null,
    version: 0,
  };

  it("hides a review only with a reason, then shows it again", async () => {
    let current = review;
    const api = mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Admin"])),
      "GET /admin/reviews": () => json(200, { items: [current], total: 1, page: 1, pageSize: 20 }),
      "POST /admin/reviews/r1/hide": (req) => {
        current = { ...review, hidden: true, hiddenReason: (req.body as { reason: string }).reason, hiddenAt: "2026-11-30T10:00:00Z", version: 1 };
        return json(200, current);
      },
      "POST /admin/reviews/r1/show": () => {
        current = { ...review, version: 2 };
        return json(200, current);
      },
    });
    renderApp("/admin/reviews");
    const user = userEvent.setup();

    const list = await screen.findByTestId("admin-reviews");
    expect(list).toHaveTextContent("Rude words");
    expect(list).toHaveTextContent("Dr Natalia Lebedeva");
    await user.click(within(list).getByRole("button", { name: "Hide" }));
    await user.click(within(list).getByRole("button", { name: "Hide review" }));
    expect(await within(list).findByText("Give a reason.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/admin/reviews/r1/hide")).toHaveLength(0);

    expect(within(list).getByLabelText(/Why hide it/)).toHaveAttribute("dir", "auto");
    await user.type(within(list).getByLabelText(/Why hide it/), "Abusive language");
    await user.click(within(list).getByRole("button", { name: "Hide review" }));
    expect(await screen.findByText(/Abusive language/)).toBeInTheDocument();
    expect(api.callsTo("POST", "/admin/reviews/r1/hide")[0]!.body).toEqual({ reason: "Abusive language" });

    await user.click(await screen.findByRole("button", { name: "Show again" }));
    expect(await screen.findByRole("button", { name: "Hide" })).toBeInTheDocument();
    expect(api.callsTo("POST", "/admin/reviews/r1/show")).toHaveLength(1);
  });

  it("isolates the doctor's name and the review's text, so a stored U+202E cannot reorder the line around them", async () => {
    const spoofed = { ...review, doctorName: "Dr \u202Eavorteп", text: "\u202Edoog yrev" };
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Admin"])),
      "GET /admin/reviews": () => json(200, { items: [spoofed], total: 1, page: 1, pageSize: 20 }),
    });
    renderApp("/admin/reviews");
    const list = await screen.findByTestId("admin-reviews");
    await waitFor(() => expect(list).toHaveTextContent("Dr \u202Eavorteп"));
    const name = Array.from(list.querySelectorAll("bdi")).find((el) => el.textContent === spoofed.doctorName);
    expect(name).toBeDefined();
    const text = within(list).getByText(spoofed.text);
    expect(text).toHaveAttribute("dir", "auto");
  });

  it("is linked from the admin navigation", async () => {
    mockApi({
      "GET /auth/session": () => json(200, signedInSession(["Admin"])),
      "GET /admin/reviews": () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
    });
    renderApp("/admin/reviews");
    expect(await screen.findByRole("link", { name: "Reviews" })).toHaveAttribute("href", "/admin/reviews");
    expect(await screen.findByText("No reviews.")).toBeInTheDocument();
  });
});
