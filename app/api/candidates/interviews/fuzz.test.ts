import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as mintRoute } from "@/app/api/interviewer/interviews/[id]/tokens/route";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { POST as startRoute } from "./start-session/route";

// Whatever a client sends to mint or start, the answer is never a 5xx.

const fixture = useTestDb();
const ip = fileClientIp();
let access: string;
let interviewId: string;
let validInvite: string;

beforeAll(async () => {
  access = (await apiLogin("hr@nextgenai.com", ip)).access_token;
  const hr = actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");
  interviewId = (await makeInterview(hr)).id;
  validInvite = (await makeInvite(hr, interviewId, { max_attempts: 10 })).value;
});

const scalar = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const mintBody = fc.record(
  {
    candidate_name: scalar,
    candidate_email: fc.oneof(fc.emailAddress(), scalar),
    expires_in_hours: scalar,
    expires_at: scalar,
    max_attempts: scalar,
    extra: scalar,
  },
  { requiredKeys: [] },
);

describe("fuzz", () => {
  it("mint never answers 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mintBody, fc.jsonValue({ maxDepth: 2 })), async (body) => {
        const res = await call(mintRoute, "/x", { token: access, ip, body, params: { id: interviewId } });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 120 },
    );
  });

  it("start never answers 5xx", async () => {
    const token = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.base64String({ minLength: 40, maxLength: 46 }),
      fc.constant(validInvite),
      scalar,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ token, resume_token: fc.oneof(fc.string(), scalar) }, { requiredKeys: [] }),
        async (body) => {
          const res = await call(startRoute, "/x", { ip, body });
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 120 },
    );
  });
});
