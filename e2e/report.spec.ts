import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { pdfText } from "../test/kits/reports";
import { LoginPage } from "./pages/login-page";
import { ACCOUNTS, SIGNED_OUT } from "./support/accounts";
import { hrToken } from "./support/api";
import { seriousViolations } from "./support/axe";
import { completeInterviewByApi } from "./support/candidate-api";

// The candidate report from the production build: HR downloads it from the session's review page, and the file is a
// PDF that names the interview and the candidate (a name outside Latin-1, in the embedded font), with its times in
// the browser's timezone.

test.use({ storageState: SIGNED_OUT, timezoneId: "Europe/Warsaw" });

test("HR downloads the candidate report of a completed session as a PDF", async ({ page, request }) => {
  const title = `Report screen ${Date.now()}`;
  const headers = { authorization: `Bearer ${await hrToken(request)}` };
  const created = await request.post("/api/interviewer/interviews", {
    headers,
    data: {
      title,
      status: "active",
      practice_question: false,
      questions: [{ text: "Describe a system you designed.", time_limit_seconds: 60 }],
    },
  });
  expect(created.status()).toBe(201);
  const interviewId = ((await created.json()) as { id: string }).id;
  const minted = await request.post(`/api/interviewer/interviews/${interviewId}/tokens`, {
    headers,
    data: { candidate_name: "Zoë Łukasiewicz" },
  });
  const sessionId = await completeInterviewByApi(
    request,
    new URL(((await minted.json()) as { interview_url: string }).interview_url).pathname,
  );

  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.hr.email);
  await page.goto(`/dashboard/interviews/${interviewId}/sessions/${sessionId}`);
  const link = page.getByRole("link", { name: "Download report (PDF)" });
  await expect(link).toHaveAttribute("href", /tz=Europe%2FWarsaw/);
  expect(await seriousViolations(page)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("Zoe-Lukasiewicz-report.pdf");
  const bytes = await fs.readFile((await download.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const text = await pdfText(bytes);
  expect(text).toContain(title);
  expect(text).toContain("Zoë Łukasiewicz");
  expect(text).toContain("Describe a system you designed.");
  expect(text).toContain("(Europe/Warsaw)");
  expect(text).toContain("AI scores are advice; people decide.");
});
