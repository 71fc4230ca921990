import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { auditLogs, emailOutbox } from "@/db/schema";
import { apiLogin } from "@/test/fixtures";
import { call, fileClientIp } from "@/test/http";
import { useTestDb } from "@/test/use-test-db";
import { GET as getOne, PATCH, DELETE } from "./[id]/route";
import { POST as resend } from "./[id]/tokens/[tokenId]/resend/route";
import { PATCH as patchToken } from "./[id]/tokens/[tokenId]/route";
import { POST as bulk } from "./[id]/tokens/bulk/route";
import { POST as revoke } from "./[id]/tokens/[tokenId]/revoke/route";
import { GET as listInvites, POST as mint } from "./[id]/tokens/route";
import { GET as list, POST as create } from "./route";

useTestDb();
const ip = fileClientIp();
const tokens: Record<string, string> = {};
const body = {
  title: "Frontend engineer",
  position: "Senior frontend engineer",
  questions: [{ text: "Q1", time_limit_seconds: 60 }, { text: "Q2" }, { text: "Q3", think_time_seconds: 20 }],
};

beforeAll(async () => {
  for (const who of [
    "admin@nextgenai.com",
    "hr@nextgenai.com",
    "lead@nextgenai.com",
    "employee@nextgenai.com",
    "admin@globex.com",
  ]) {
    tokens[who] = (await apiLogin(who, ip)).access_token;
  }
});

const as = (who: string) => ({ token: tokens[who], ip });
const createAs = (who: string, data: unknown = body) =>
  call(create, "/api/interviewer/interviews", { ...as(who), body: data });
const params = (id: string, tokenId?: string) => ({ id, ...(tokenId ? { tokenId } : {}) });

describe("interviews API", () => {
  it("POST creates an interview with ordered questions (201) and audits it", async () => {
    const res = await createAs("hr@nextgenai.com");
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      title: "Frontend engineer",
      status: "active",
      retakes_allowed: 0,
      resume_grace_minutes: 15,
      counts: { invited: 0 },
    });
    expect(res.json.questions.map((q: { text: string; position: number }) => [q.position, q.text])).toEqual([
      [0, "Q1"],
      [1, "Q2"],
      [2, "Q3"],
    ]);
    expect(res.json.questions[1].time_limit_seconds).toBe(120);
    const db = await getDb();
    expect(await db.select().from(auditLogs).where(eq(auditLogs.resourceId, res.json.id))).toHaveLength(1);
  });

  it("validates the body (422) and refuses EMPLOYEE (403)", async () => {
    expect((await createAs("hr@nextgenai.com", { title: "", questions: [] })).status).toBe(422);
    expect(
      (await createAs("hr@nextgenai.com", { ...body, questions: [{ text: "x", time_limit_seconds: 5 }] })).status,
    ).toBe(422);
    expect((await createAs("employee@nextgenai.com")).status).toBe(403);
  });

  it("EMPLOYEE reads; TEAM_LEAD manages only their own; HR manages all; another company gets 404", async () => {
    const byLead = (await createAs("lead@nextgenai.com")).json;
    const byHr = (await createAs("hr@nextgenai.com")).json;
    expect((await call(getOne, "/x", { ...as("employee@nextgenai.com"), params: params(byHr.id) })).status).toBe(200);
    expect((await call(list, "/x", as("employee@nextgenai.com"))).json.length).toBeGreaterThan(0);
    const patch = (who: string, id: string) =>
      call(PATCH, "/x", { ...as(who), method: "PATCH", body: { title: "Renamed" }, params: params(id) });
    expect((await patch("employee@nextgenai.com", byHr.id)).status).toBe(403);
    expect((await patch("lead@nextgenai.com", byHr.id)).status).toBe(403);
    expect((await patch("lead@nextgenai.com", byLead.id)).status).toBe(200);
    expect((await patch("hr@nextgenai.com", byLead.id)).status).toBe(200);
    expect((await patch("admin@globex.com", byLead.id)).status).toBe(404);
    expect((await call(getOne, "/x", { ...as("admin@globex.com"), params: params(byLead.id) })).status).toBe(404);
    expect((await call(getOne, "/x", { ...as("hr@nextgenai.com"), params: params("not-a-uuid") })).status).toBe(404);
    const globexList = (await call(list, "/x", as("admin@globex.com"))).json;
    expect(globexList.find((i: { id: string }) => i.id === byLead.id)).toBeUndefined();
  });

  it("PATCH reorders questions; DELETE archives", async () => {
    const created = (await createAs("hr@nextgenai.com")).json;
    const reordered = await call(PATCH, "/x", {
      ...as("hr@nextgenai.com"),
      method: "PATCH",
      params: params(created.id),
      body: { questions: [{ text: "Q3" }, { text: "Q1" }] },
    });
    expect(reordered.json.questions.map((q: { text: string }) => q.text)).toEqual(["Q3", "Q1"]);
    const archived = await call(DELETE, "/x", {
      ...as("hr@nextgenai.com"),
      method: "DELETE",
      params: params(created.id),
    });
    expect(archived.json.status).toBe("archived");
    const minted = await call(mint, "/x", { ...as("hr@nextgenai.com"), method: "POST", params: params(created.id) });
    expect(minted.status).toBe(409);
  });
});

const criterion = (name: string) => ({
  name,
  good: `Good ${name}`,
  anchors: { "1": `Weak ${name}`, "3": `Fair ${name}`, "5": `Strong ${name}` },
});
const withRubric = {
  ...body,
  competencies: [{ name: "Ownership", description: "Takes responsibility for outcomes" }],
  questions: [
    { text: "Q1", criteria: [criterion("Depth"), criterion("Clarity")] },
    { text: "Q2" },
    { text: "Q3", criteria: [] },
  ],
};

describe("interviews API: rubric", () => {
  const getAs = (who: string, id: string) => call(getOne, "/x", { ...as(who), params: params(id) });
  const patchAs = (who: string, id: string, data: unknown) =>
    call(PATCH, "/x", { ...as(who), method: "PATCH", body: data, params: params(id) });

  it("stores criteria per question and competencies, and reads them back; none is []", async () => {
    const res = await createAs("hr@nextgenai.com", withRubric);
    expect(res.status).toBe(201);
    expect(res.json.competencies).toEqual(withRubric.competencies);
    const read = (await getAs("employee@nextgenai.com", res.json.id)).json;
    expect(read.competencies).toEqual(withRubric.competencies);
    expect(read.questions.map((q: { criteria: unknown }) => q.criteria)).toEqual([
      [criterion("Depth"), criterion("Clarity")],
      [],
      [],
    ]);
    const plain = (await createAs("hr@nextgenai.com")).json;
    expect(plain.competencies).toEqual([]);
    expect(plain.questions[0].criteria).toEqual([]);
    const listed = (await call(list, "/x", as("hr@nextgenai.com"))).json.find(
      (i: { id: string }) => i.id === res.json.id,
    );
    expect(listed.competencies).toEqual(withRubric.competencies);
  });

  it("trims the rubric's text", async () => {
    const res = await createAs("hr@nextgenai.com", {
      ...body,
      questions: [{ text: "Q", criteria: [{ ...criterion("Depth"), name: "  Depth  " }] }],
    });
    expect(res.json.questions[0].criteria[0].name).toBe("Depth");
  });

  it("refuses a bad rubric with 400 invalid_rubric naming where the problem is, and creates nothing", async () => {
    const rubricError = async (data: unknown) => {
      const res = await createAs("hr@nextgenai.com", data);
      expect(res.status, JSON.stringify(data)).toBe(400);
      expect(res.json.code).toBe("invalid_rubric");
      return res.json.detail as string;
    };
    const seven = ["A", "B", "C", "D", "E", "F", "G"].map(criterion);
    expect(await rubricError({ ...body, questions: [{ text: "Q1" }, { text: "Q2", criteria: seven }] })).toBe(
      "Question 2: A question may have at most 6 criteria (questions[1].criteria)",
    );
    const noAnchor3 = { ...criterion("Depth"), anchors: { "1": "Weak", "5": "Strong" } };
    expect(
      await rubricError({ ...body, questions: [{ text: "Q1", criteria: [criterion("Clarity"), noAnchor3] }] }),
    ).toBe("Question 1, criterion 2: The anchor for score 3 is required (questions[0].criteria[1].anchors.3)");
    expect(
      await rubricError({ ...body, questions: [{ text: "Q1", criteria: [criterion("Depth"), criterion(" depth ")] }] }),
    ).toBe('Question 1, criterion 2: Criterion "depth" appears twice (also #1) (questions[0].criteria[1].name)');
    expect(await rubricError({ ...body, competencies: [{ name: "Ownership", description: "" }] })).toBe(
      "Competency 1: Competency description is required (competencies[0].description)",
    );
    const before = (await call(list, "/x", as("hr@nextgenai.com"))).headers.get("x-total-count");
    await rubricError({ ...body, questions: [{ text: "Q1", criteria: [{ name: "Depth" }] }] });
    expect((await call(list, "/x", as("hr@nextgenai.com"))).headers.get("x-total-count")).toBe(before);
  });

  it("reports a rubric problem with the rest of the body as 422 when other fields are wrong too", async () => {
    const res = await createAs("hr@nextgenai.com", {
      ...body,
      title: "",
      questions: [{ text: "Q1", criteria: [{ name: "Depth" }] }],
    });
    expect(res.status).toBe(422);
    expect(res.json.detail.map((i: { loc: unknown[] }) => i.loc)).toEqual(
      expect.arrayContaining([
        ["body", "title"],
        ["body", "questions", 0, "criteria", 0, "good"],
      ]),
    );
  });

  it("PATCH with questions replaces their criteria; competencies are replaced only when given", async () => {
    const created = (await createAs("hr@nextgenai.com", withRubric)).json;
    const renamed = await patchAs("hr@nextgenai.com", created.id, { title: "Renamed" });
    expect(renamed.json.competencies).toEqual(withRubric.competencies);
    expect(renamed.json.questions[0].criteria).toHaveLength(2);
    const replaced = await patchAs("hr@nextgenai.com", created.id, {
      questions: [{ text: "Q2", criteria: [criterion("Edited")] }, { text: "Q1" }],
      competencies: [],
    });
    expect(replaced.status).toBe(200);
    const read = (await getAs("hr@nextgenai.com", created.id)).json;
    expect(
      read.questions.map((q: { text: string; criteria: { name: string }[] }) => [
        q.text,
        q.criteria.map((c) => c.name),
      ]),
    ).toEqual([
      ["Q2", ["Edited"]],
      ["Q1", []],
    ]);
    expect(read.competencies).toEqual([]);
    const bad = await patchAs("hr@nextgenai.com", created.id, {
      questions: [{ text: "Q", criteria: ["A", "B", "C", "D", "E", "F", "G"].map(criterion) }],
    });
    expect(bad.status).toBe(400);
    expect((await getAs("hr@nextgenai.com", created.id)).json.questions[0].criteria[0].name).toBe("Edited");
  });

  it("rubric edits follow the interview's rules: EMPLOYEE 403, another team lead's 403, another company 404", async () => {
    const byLead = (await createAs("lead@nextgenai.com", withRubric)).json;
    const change = { questions: [{ text: "Q", criteria: [criterion("X")] }] };
    expect((await createAs("employee@nextgenai.com", withRubric)).status).toBe(403);
    expect((await patchAs("employee@nextgenai.com", byLead.id, change)).status).toBe(403);
    expect((await patchAs("admin@globex.com", byLead.id, change)).status).toBe(404);
    expect((await getAs("admin@globex.com", byLead.id)).status).toBe(404);
    const byHr = (await createAs("hr@nextgenai.com", withRubric)).json;
    expect((await patchAs("lead@nextgenai.com", byHr.id, change)).status).toBe(403);
    expect((await patchAs("lead@nextgenai.com", byLead.id, change)).status).toBe(200);
    expect((await getAs("hr@nextgenai.com", byHr.id)).json.questions[0].criteria).toHaveLength(2);
  });
});

describe("invite tokens API", () => {
  it("no body: 72 h and 1 attempt, the raw value once, a link; the list shows a status but never the value", async () => {
    const interview = (await createAs("hr@nextgenai.com")).json;
    const before = Date.now();
    const res = await call(mint, "/x", { ...as("hr@nextgenai.com"), method: "POST", params: params(interview.id) });
    expect(res.status).toBe(201);
    expect(Object.keys(res.json)).toEqual(
      expect.arrayContaining([
        "id",
        "token_value",
        "candidate_name",
        "candidate_email",
        "expires_at",
        "max_attempts",
        "current_attempts",
        "is_used",
        "created_at",
        "interview_url",
      ]),
    );
    expect(res.json).toMatchObject({ max_attempts: 1, current_attempts: 0, is_used: false });
    expect(res.json.token_value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.json.interview_url).toBe(`http://localhost:3000/interview/${res.json.token_value}`);
    const hours = (new Date(res.json.expires_at).getTime() - before) / 3600_000;
    expect(hours).toBeGreaterThan(71.99);
    expect(hours).toBeLessThan(72.01);
    const listed = await call(listInvites, "/x", { ...as("employee@nextgenai.com"), params: params(interview.id) });
    expect(listed.json[0]).toMatchObject({ id: res.json.id, status: "active" });
    expect(listed.text).not.toContain(res.json.token_value);
  });

  it("validates: expires_in_hours in (0, 720], expires_at in the future and exact, max_attempts 1..10", async () => {
    const interview = (await createAs("hr@nextgenai.com")).json;
    const mintWith = (data: unknown) =>
      call(mint, "/x", { ...as("hr@nextgenai.com"), body: data, params: params(interview.id) });
    for (const bad of [
      { expires_in_hours: 0 },
      { expires_in_hours: -1 },
      { expires_in_hours: 721 },
      { expires_at: "2020-01-01T00:00:00Z" },
      { expires_at: "tomorrow" },
      { max_attempts: 0 },
      { max_attempts: 11 },
      { max_attempts: 1.5 },
      { candidate_email: "nope" },
      { expires_at: new Date(Date.now() + 3600_000).toISOString(), expires_in_hours: 2 },
    ]) {
      const res = await mintWith(bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
    }
    const exact = new Date(Date.now() + 5 * 3600_000);
    exact.setMilliseconds(0);
    const res = await mintWith({ expires_at: exact.toISOString(), max_attempts: 3, candidate_name: "Grace" });
    expect(res.json).toMatchObject({ expires_at: exact.toISOString(), max_attempts: 3, candidate_name: "Grace" });
  });

  it("lists invites a page at a time, newest first, with X-Total-Count; a bad page is 422", async () => {
    const interview = (await createAs("hr@nextgenai.com")).json;
    const ids: string[] = [];
    for (let i = 0; i < 25; i++)
      ids.push(
        (
          await call(mint, "/x", {
            ...as("hr@nextgenai.com"),
            body: { candidate_name: `C${i}` },
            params: params(interview.id),
          })
        ).json.id,
      );
    const list = (query?: Record<string, string | number>) =>
      call(listInvites, "/x", { ...as("employee@nextgenai.com"), params: params(interview.id), query });
    const firstPage = await list();
    expect(firstPage.json).toHaveLength(20);
    expect(firstPage.headers.get("x-total-count")).toBe("25");
    expect(firstPage.json[0].candidate_name).toBe("C24");
    const last = await list({ skip: 20, limit: 10 });
    expect(last.json.map((t: { id: string }) => t.id)).toEqual(ids.slice(0, 5).reverse());
    expect((await list({ limit: 100 })).json).toHaveLength(25);
    for (const bad of [{ limit: 101 }, { limit: 0 }, { skip: -1 }, { skip: "x" }] as Record<string, string | number>[])
      expect((await list(bad)).status, JSON.stringify(bad)).toBe(422);
  });

  it("another company's interview is 404 for mint, list, revoke and extend", async () => {
    const interview = (await createAs("hr@nextgenai.com")).json;
    const minted = (await call(mint, "/x", { ...as("hr@nextgenai.com"), method: "POST", params: params(interview.id) }))
      .json;
    const globex = as("admin@globex.com");
    expect((await call(mint, "/x", { ...globex, method: "POST", params: params(interview.id) })).status).toBe(404);
    expect((await call(listInvites, "/x", { ...globex, params: params(interview.id) })).status).toBe(404);
    expect(
      (await call(revoke, "/x", { ...globex, method: "POST", params: params(interview.id, minted.id) })).status,
    ).toBe(404);
    expect(
      (
        await call(patchToken, "/x", {
          ...globex,
          method: "PATCH",
          body: { add_attempts: 1 },
          params: params(interview.id, minted.id),
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(resend, "/x", { ...globex, method: "POST", params: params(interview.id, minted.id) })).status,
    ).toBe(404);
    expect(
      (await call(bulk, "/x", { ...globex, body: { csv: "Ada,ada@example.com" }, params: params(interview.id) }))
        .status,
    ).toBe(404);
    expect((await call(DELETE, "/x", { ...globex, method: "DELETE", params: params(interview.id) })).status).toBe(404);
    // Unchanged for its own company.
    expect((await call(getOne, "/x", { ...as("hr@nextgenai.com"), params: params(interview.id) })).json.status).toBe(
      "active",
    );
  });

  it("bulk over the API: 201 with the links, CSV on request, 422 with line numbers and nothing created", async () => {
    const interview = (await createAs("hr@nextgenai.com")).json;
    const bad = await call(bulk, "/x", {
      ...as("hr@nextgenai.com"),
      body: { csv: "Ada,ada@example.com\nBob,nope" },
      params: params(interview.id),
    });
    expect(bad.status).toBe(422);
    expect(bad.json.detail[0].loc).toEqual(["file", "line 2"]);
    const ok = await call(bulk, "/x", {
      ...as("hr@nextgenai.com"),
      body: { csv: "Ada,ada@example.com\nBob,bob@example.com" },
      params: params(interview.id),
    });
    expect(ok.status).toBe(201);
    expect(ok.json.invites).toHaveLength(2);
    expect(ok.json.invites.map((i: { email_delivery: string }) => i.email_delivery)).toEqual(["outbox", "outbox"]); // no SMTP here
    const asCsv = await call(bulk, "/x", {
      ...as("hr@nextgenai.com"),
      headers: { accept: "text/csv" },
      body: { csv: "Cy,cy@example.com" },
      params: params(interview.id),
    });
    expect(asCsv.headers.get("content-type")).toContain("text/csv");
    expect(asCsv.text).toContain("/interview/");
    const listed = await call(listInvites, "/x", { ...as("hr@nextgenai.com"), params: params(interview.id) });
    expect(listed.json).toHaveLength(3);
  });

  it("revoke and extend are audited; a revoked invite cannot be extended", async () => {
    const interview = (await createAs("hr@nextgenai.com")).json;
    const minted = (
      await call(mint, "/x", { ...as("hr@nextgenai.com"), body: { max_attempts: 2 }, params: params(interview.id) })
    ).json;
    const extended = await call(patchToken, "/x", {
      ...as("hr@nextgenai.com"),
      method: "PATCH",
      body: { add_attempts: 3, expires_in_hours: 240 },
      params: params(interview.id, minted.id),
    });
    expect(extended.json).toMatchObject({ max_attempts: 5, status: "active" });
    const pushed = await call(patchToken, "/x", {
      ...as("hr@nextgenai.com"),
      method: "PATCH",
      body: { extend_hours: 24 },
      params: params(interview.id, minted.id),
    });
    expect(new Date(pushed.json.expires_at).getTime() - new Date(extended.json.expires_at).getTime()).toBe(
      24 * 3600_000,
    );
    expect(
      (
        await call(patchToken, "/x", {
          ...as("hr@nextgenai.com"),
          method: "PATCH",
          body: { add_attempts: 6 },
          params: params(interview.id, minted.id),
        })
      ).status,
    ).toBe(422);
    const revoked = await call(revoke, "/x", {
      ...as("hr@nextgenai.com"),
      method: "POST",
      params: params(interview.id, minted.id),
    });
    expect(revoked.json.status).toBe("revoked");
    expect(
      (
        await call(patchToken, "/x", {
          ...as("hr@nextgenai.com"),
          method: "PATCH",
          body: { add_attempts: 1 },
          params: params(interview.id, minted.id),
        })
      ).status,
    ).toBe(409);
    const db = await getDb();
    const actions = (await db.select().from(auditLogs).where(eq(auditLogs.resourceId, minted.id)))
      .map((r) => r.action)
      .sort();
    expect(actions).toEqual(["INVITE_EXTENDED", "INVITE_EXTENDED", "INVITE_MINTED", "INVITE_REVOKED"]);
    expect(JSON.stringify(await db.select().from(auditLogs))).not.toContain(minted.token_value);
  });

  it("minting with an email queues the invite in the outbox (no SMTP configured)", async () => {
    const interview = (await createAs("hr@nextgenai.com")).json;
    const res = await call(mint, "/x", {
      ...as("hr@nextgenai.com"),
      body: { candidate_email: "Cand@Example.com", candidate_name: "Cand" },
      params: params(interview.id),
    });
    expect(res.json.email_delivery).toBe("outbox");
    const db = await getDb();
    const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.tokenId, res.json.id));
    expect(email).toMatchObject({ toAddress: "cand@example.com", status: "queued", transport: "outbox" });
    expect(email!.textBody).toContain(res.json.interview_url);
    expect(email!.subject).toContain("Frontend engineer");
  });
});
