import { expect, type Page, test } from "@playwright/test";
import { DEFAULT_RUBRIC } from "../lib/evaluation/rubric";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, SIGNED_OUT } from "./support/accounts";
import { hrToken } from "./support/api";
import { seriousViolations } from "./support/axe";
import { completeInterviewByApi } from "./support/candidate-api";

// The analytics pages: an interview with one candidate who completed (the AI scores them in the background, then HR
// submits a scorecard) and one invite never opened. The figures are in tables beside the charts; the charts (recharts, drawn in the browser) must
// render under the page's Content-Security-Policy.

test.use({ storageState: SIGNED_OUT });

/** Records CSP violations from the first script on, so that a blocked style or script cannot go unnoticed. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
}
const cspViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

/** The number in a row of the funnel table. */
const funnelCount = (page: Page, step: string) =>
  page
    .getByRole("table", { name: "Funnel figures" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: step, exact: true }) })
    .getByRole("cell")
    .first();

test("an interview's analytics show the funnel in a table and charts; the company's load for HR; both pass axe", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const title = `Analytics screen ${Date.now()}`;
  const headers = { authorization: `Bearer ${await hrToken(request)}` };
  const criteria = DEFAULT_RUBRIC.criteria.slice(0, 2);
  const created = await request.post("/api/interviewer/interviews", {
    headers,
    data: {
      title,
      status: "active",
      practice_question: false,
      blind_review: false,
      questions: [{ text: "Tell us about a project you are proud of.", time_limit_seconds: 60, criteria }],
    },
  });
  expect(created.status()).toBe(201);
  const interviewId = ((await created.json()) as { id: string }).id;
  const mint = (name: string) =>
    request.post(`/api/interviewer/interviews/${interviewId}/tokens`, { headers, data: { candidate_name: name } });
  const link = new URL(((await (await mint("Casey Completed")).json()) as { interview_url: string }).interview_url)
    .pathname;
  expect((await mint("Nora Never")).status()).toBe(201);
  const sessionId = await completeInterviewByApi(request, link);
  await expect
    .poll(
      async () =>
        (
          (await (await request.get(`/api/interviewer/interviews/${interviewId}/analytics`, { headers })).json()) as {
            ai_scores: number;
          }
        ).ai_scores,
      {
        timeout: 60_000,
        intervals: [1000],
      },
    )
    .toBe(1);
  const submitted = await request.post(`/api/interviewer/sessions/${sessionId}/scorecards/mine/submit`, {
    headers,
    data: { scores: criteria.map((c) => ({ answer: 0, criterion: c.name, score: 4 })), recommendation: "yes" },
  });
  expect(submitted.status()).toBe(201);

  await watchCsp(page);
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.hr.email);

  await test.step("the interview page links to its analytics, which count the funnel per invite", async () => {
    await page.goto(`/dashboard/interviews/${interviewId}`);
    await page.getByRole("main").getByRole("link", { name: "Analytics" }).click();
    await expect(page.getByRole("heading", { name: `Analytics: ${title}`, level: 1 })).toBeVisible();
    for (const [step, count] of [
      ["Invited", "2"],
      ["Opened", "1"],
      ["Started", "1"],
      ["Completed", "1"],
      ["Reviewed", "1"],
      ["Decided", "0"],
    ] as const) {
      await expect(funnelCount(page, step)).toHaveText(count);
    }
    const funnelChart = page.getByRole("img", {
      name: "Funnel of invites: 2 invited, 1 opened, 1 started, 1 completed, 1 reviewed, 0 decided.",
    });
    await expect(funnelChart.locator(".recharts-wrapper > svg")).toBeVisible();
    await expect(funnelChart.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await expect(
      page.getByRole("img", { name: /^Overall scores from 1 to 5\. AI: 1 at \d\./ }).locator(".recharts-wrapper > svg"),
    ).toBeVisible();
    await expect(
      page
        .getByRole("img", { name: /^Share of reviewer scores within 1 point of the AI's, per criterion: / })
        .locator(".recharts-wrapper > svg"),
    ).toBeVisible();
    await expect(page.getByRole("table", { name: "Agreement per criterion" }).getByRole("row")).toHaveCount(
      1 + criteria.length,
    );
    await expect(
      page.getByRole("table", { name: "Completion by invite age" }).getByRole("row", { name: /< 1 day 2 1 50%/ }),
    ).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  await test.step("HR finds the company's analytics in the navigation", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analytics" }).click();
    await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Funnel figures" })).toBeVisible();
    await expect(
      page.getByRole("img", { name: /^Funnel of invites/ }).locator(".recharts-wrapper > svg"),
    ).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  });
});
