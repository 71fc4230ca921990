import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/db/schema";
import {
  DEFAULT_STAFF_PERMISSIONS,
  decideStaffGrant,
  MAX_STAFF_TOKEN_TTL_S,
  staffTokenTtlSeconds,
  type StaffPermissions,
} from "./staff-grant";

const decide = (role: Role, asked: Partial<StaffPermissions>, mayObserveHidden = role === "HR" || role === "ADMIN") =>
  decideStaffGrant({
    role,
    room: "interview-1",
    mayObserveHidden,
    requested: { ...DEFAULT_STAFF_PERMISSIONS, ...asked },
  });

describe("staff LiveKit grant", () => {
  it("grants every role a subscribe-only, explicit, admin-free grant by default", () => {
    for (const role of ROLES) {
      expect(decide(role, {})).toEqual({
        ok: true,
        grant: {
          room: "interview-1",
          roomJoin: true,
          canPublish: false,
          canSubscribe: true,
          canPublishData: false,
          canUpdateOwnMetadata: false,
          hidden: false,
          roomAdmin: false,
          roomCreate: false,
          roomList: false,
          roomRecord: false,
          ingressAdmin: false,
          recorder: false,
          agent: false,
          canSubscribeMetrics: false,
          canManageAgentSession: false,
        },
      });
    }
  });

  it("lets TEAM_LEAD, HR and ADMIN publish data, only ADMIN update metadata, and no role publish media", () => {
    const outcome = (role: Role, asked: Partial<StaffPermissions>) => {
      const decision = decide(role, asked);
      return decision.ok ? "ok" : decision.detail;
    };
    expect(ROLES.map((role) => outcome(role, { can_publish_data: true }))).toEqual([
      "Your role may not: can_publish_data",
      "ok",
      "ok",
      "ok",
    ]);
    expect(ROLES.map((role) => outcome(role, { can_update_metadata: true }))).toEqual([
      "Your role may not: can_update_metadata",
      "Your role may not: can_update_metadata",
      "Your role may not: can_update_metadata",
      "ok",
    ]);
    expect(ROLES.map((role) => outcome(role, { can_publish: true }))).toEqual(
      ROLES.map(() => "Your role may not: can_publish"),
    );
  });

  it("names every refused permission at once, and nothing that was allowed", () => {
    const everything = { can_publish: true, can_subscribe: true, can_publish_data: true, can_update_metadata: true };
    expect(decide("HR", everything)).toMatchObject({
      ok: false,
      refused: ["can_update_metadata", "can_publish"],
      detail: "Your role may not: can_update_metadata, can_publish",
    });
    expect(decide("EMPLOYEE", { ...everything, hidden: true })).toMatchObject({
      refused: ["can_publish_data", "can_update_metadata", "can_publish", "hidden"],
    });
    expect(decide("ADMIN", everything)).toMatchObject({ refused: ["can_publish"] });
  });

  it("allows hidden only to whoever may watch the session, and then only subscribing", () => {
    expect(decide("TEAM_LEAD", { hidden: true }, false)).toMatchObject({
      ok: false,
      detail: "Your role may not: hidden",
    });
    expect(decide("TEAM_LEAD", { hidden: true }, true)).toMatchObject({
      ok: true,
      grant: { hidden: true, canSubscribe: true, canPublishData: false },
    });
    expect(decide("HR", { hidden: true, can_publish_data: true })).toMatchObject({
      ok: false,
      refused: ["can_publish_data"],
      detail: "Your role may not: can_publish_data (a hidden participant may only subscribe)",
    });
    expect(decide("ADMIN", { hidden: true, can_update_metadata: true, can_publish_data: true })).toMatchObject({
      refused: ["can_publish_data", "can_update_metadata"],
    });
  });

  it("always grants asking for less, even nothing at all", () => {
    expect(decide("EMPLOYEE", { can_subscribe: false, can_publish: false, hidden: false })).toMatchObject({
      ok: true,
      grant: { canSubscribe: false, canPublish: false },
    });
  });

  it("takes JWT_EXPIRY_HOURS in whole seconds, capped at one hour", () => {
    expect(staffTokenTtlSeconds(0.25)).toBe(900);
    expect(staffTokenTtlSeconds(0.5)).toBe(1800);
    expect(staffTokenTtlSeconds(1)).toBe(MAX_STAFF_TOKEN_TTL_S);
    expect(staffTokenTtlSeconds(24)).toBe(3600);
    expect(staffTokenTtlSeconds(0.000_01)).toBe(1);
  });
});
