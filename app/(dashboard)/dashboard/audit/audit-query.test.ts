import { describe, expect, it } from "vitest";
import { hasFilters, parseAuditQuery } from "./audit-query";

const USER_ID = "6f1c2b1e-8a4d-4c3b-9e2f-0a1b2c3d4e5f";

describe("parseAuditQuery", () => {
  it("reads well-formed filters", () => {
    const query = parseAuditQuery({
      page: "3",
      user: USER_ID,
      action: "LOGIN_FAILED",
      from: "2025-01-14T23:00:00.000Z",
      to: "2025-01-15T23:00:00.000Z",
    });
    expect(query).toEqual({
      page: 3,
      user: USER_ID,
      action: "LOGIN_FAILED",
      from: "2025-01-14T23:00:00.000Z",
      to: "2025-01-15T23:00:00.000Z",
    });
    expect(hasFilters(query)).toBe(true);
  });

  it("drops each malformed value on its own instead of failing", () => {
    const query = parseAuditQuery({
      page: "-2",
      user: "42",
      action: "DROP TABLE",
      from: "yesterday",
      to: "2025-01-15",
    });
    expect(query).toEqual({ page: 1, user: undefined, action: undefined, from: undefined, to: undefined });
    expect(hasFilters(query)).toBe(false);
  });

  it("takes the first of repeated parameters and ignores empty ones", () => {
    expect(parseAuditQuery({ page: ["2", "9"], action: ["LOGOUT", "LOGIN"], user: "" })).toMatchObject({
      page: 2,
      action: "LOGOUT",
      user: undefined,
    });
  });

  it("drops dates Postgres would refuse", () => {
    expect(parseAuditQuery({ from: "0000-01-01T00:00:00Z", to: "+275760-09-13T00:00:00Z" })).toMatchObject({
      from: undefined,
      to: undefined,
    });
  });

  it("caps absurd page numbers", () => {
    expect(parseAuditQuery({ page: "1e12" }).page).toBe(1);
  });
});
