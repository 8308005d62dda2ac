import { describe, expect, it } from "vitest";
import { homePathForRoles, navigationFor, portalForPath, redirectForPath } from "./portals";

describe("role-based navigation", () => {
  it("sends each role to its own portal after sign-in", () => {
    expect(homePathForRoles(["Patient"])).toBe("/patient");
    expect(homePathForRoles(["Doctor"])).toBe("/doctor");
    expect(homePathForRoles(["FrontDesk"])).toBe("/front-desk");
    expect(homePathForRoles(["Pharmacist"])).toBe("/pharmacist");
    expect(homePathForRoles(["Admin"])).toBe("/admin");
  });

  it("uses the first role of a user with several", () => {
    expect(homePathForRoles(["Admin", "Doctor"])).toBe("/admin");
    expect(homePathForRoles(["Doctor", "Admin"])).toBe("/doctor");
  });

  it("ignores unknown roles", () => {
    expect(homePathForRoles(["Auditor", "Pharmacist"])).toBe("/pharmacist");
    expect(homePathForRoles([])).toBe("/no-access");
  });

  it("maps paths to portals without prefix confusion", () => {
    expect(portalForPath("/doctor/patients/abc")?.id).toBe("doctor");
    expect(portalForPath("/doctors")).toBeUndefined();
    expect(portalForPath("/front-desk")?.id).toBe("front-desk");
    expect(portalForPath("/sign-in")).toBeUndefined();
  });

  it("redirects a wrong-role user to their own portal", () => {
    expect(redirectForPath("/admin/users", ["Patient"])).toBe("/patient");
    expect(redirectForPath("/patient/doctors", ["Doctor"])).toBe("/doctor");
    expect(redirectForPath("/admin/audit", ["Admin"])).toBeNull();
    expect(redirectForPath("/doctor", ["Admin", "Doctor"])).toBeNull();
  });

  it("shows the current portal's links and offers the other portals", () => {
    const nav = navigationFor(["Admin", "Doctor"], "/doctor/profile");
    expect(nav.current?.id).toBe("doctor");
    expect(nav.items.map((i) => i.to)).toEqual([
      "/doctor",
      "/doctor/consultations",
      "/doctor/schedule",
      "/doctor/availability",
      "/doctor/messages",
      "/doctor/review-requests",
      "/doctor/refill-requests",
      "/doctor/lab-results",
      "/doctor/profile",
    ]);
    expect(nav.switchTo.map((p) => p.id)).toEqual(["admin"]);
  });

  it("falls back to the first portal on a page of a portal the user lacks", () => {
    const nav = navigationFor(["Patient"], "/admin/users");
    expect(nav.current?.id).toBe("patient");
    expect(nav.switchTo).toEqual([]);
  });
});
