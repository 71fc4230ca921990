import type { APIRequestContext } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD } from "./accounts";

// Test data through the public API, for tests whose subject is not the dashboard forms.

export async function hrToken(request: APIRequestContext): Promise<string> {
  const response = await request.post("/api/v1/auth/login", {
    data: { email: ACCOUNTS.hr.email, password: DEMO_PASSWORD },
  });
  if (!response.ok()) throw new Error(`login failed: ${response.status()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export async function interviewWithInvite(
  request: APIRequestContext,
  input: {
    title: string;
    questions: { text: string; time_limit_seconds: number; think_time_seconds?: number }[];
    practice_question?: boolean;
    retakes_allowed?: number;
  },
) {
  const token = await hrToken(request);
  const headers = { authorization: `Bearer ${token}` };
  const created = await request.post("/api/interviewer/interviews", { headers, data: { ...input, status: "active" } });
  if (created.status() !== 201) throw new Error(`create interview: ${created.status()} ${await created.text()}`);
  const interview = (await created.json()) as { id: string };
  const minted = await request.post(`/api/interviewer/interviews/${interview.id}/tokens`, {
    headers,
    data: { candidate_name: "Robin Remote" },
  });
  if (minted.status() !== 201) throw new Error(`mint: ${minted.status()} ${await minted.text()}`);
  const invite = (await minted.json()) as { interview_url: string };
  return { interviewId: interview.id, link: new URL(invite.interview_url).pathname, headers };
}
