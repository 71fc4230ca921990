import { describe, expect, it } from "vitest";
import { ROLES } from "@/db/schema";
import { can } from "./permissions";

describe("permission matrix", () => {
  it("lets TEAM_LEAD, HR and ADMIN view recordings, never EMPLOYEE", () => {
    expect(ROLES.filter((role) => can(role, "recordings.view"))).toEqual(["TEAM_LEAD", "HR", "ADMIN"]);
  });

  it("bounds staff LiveKit tokens by role: all subscribe, TEAM_LEAD and up send data, only ADMIN sets metadata", () => {
    const holders = (action: Parameters<typeof can>[1]) => ROLES.filter((role) => can(role, action));
    expect(holders("livekit.tokens")).toEqual(["TEAM_LEAD", "HR", "ADMIN"]);
    expect(holders("livekit.inspect")).toEqual(["EMPLOYEE", "TEAM_LEAD", "HR", "ADMIN"]);
    expect(holders("livekit.publish_data")).toEqual(["TEAM_LEAD", "HR", "ADMIN"]);
    expect(holders("livekit.update_metadata")).toEqual(["ADMIN"]);
    expect(holders("livekit.stats")).toEqual(["HR", "ADMIN"]);
  });

  it("lets HR and ADMIN see and retry failed background jobs, no one else", () => {
    expect(ROLES.filter((role) => can(role, "jobs.manage"))).toEqual(["HR", "ADMIN"]);
  });

  it("lets only ADMIN set the maximum password age, and everyone change their own password", () => {
    expect(ROLES.filter((role) => can(role, "company.password_age"))).toEqual(["ADMIN"]);
    expect(ROLES.filter((role) => can(role, "account.password"))).toEqual(["EMPLOYEE", "TEAM_LEAD", "HR", "ADMIN"]);
  });
});
