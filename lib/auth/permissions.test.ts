import { describe, expect, it } from "vitest";
import { ROLES } from "@/db/schema";
import { can } from "./permissions";

describe("permission matrix", () => {
  it("lets TEAM_LEAD, HR and ADMIN view recordings, never EMPLOYEE", () => {
    expect(ROLES.filter((role) => can(role, "recordings.view"))).toEqual(["TEAM_LEAD", "HR", "ADMIN"]);
  });
});
