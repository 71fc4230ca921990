import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { CandidateLandingPage } from "./pages/candidate-landing-page";
import { CandidateRoomPage } from "./pages/candidate-room-page";
import { InterviewFormPage } from "./pages/interview-form-page";
import { InterviewPage } from "./pages/interview-page";
import { InterviewsPage } from "./pages/interviews-page";
import { LoginPage } from "./pages/login-page";
import { OutboxPage } from "./pages/outbox-page";
import { ACCOUNTS, ADMIN_STATE, SIGNED_OUT, uniqueEmail } from "./support/accounts";
import { hrToken } from "./support/api";

// HR signs in here (not the saved admin state); each candidate gets a browser context of their own, as a separate
// person on a separate device would. No SMTP in e2e, so the invite email is read from the Outbox page.
test.use({ storageState: SIGNED_OUT });

test("HR creates an interview and invites a candidate, who opens the link and starts once; a second start is refused", async ({
  page,
  browser,
}) => {
  // Three browsers, a form sign-in, four accessibility scans and the first page loads of a production build: 70-90 s
  // on a quiet machine, and once 129 s when it ran first in CI, against a server still loading its routes.
  test.setTimeout(180_000);
  const title = `Backend engineer screen ${Date.now()}`;
  const candidate = { name: "Casey Candidate", email: uniqueEmail("candidate") };
  const interviews = new InterviewsPage(page);
  const interview = new InterviewPage(page);
  let interviewUrl = "";
  let link = "";

  await test.step("HR signs in and creates an interview with three questions", async () => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signInAndWait(ACCOUNTS.hr.email);
    await interviews.create({
      title,
      position: "Senior backend engineer",
      questions: [
        { text: "Tell us about a system you designed.", timeLimitSeconds: 180 },
        { text: "How do you keep a deployment safe?", thinkTimeSeconds: 30 },
        { text: "Describe a production incident you handled." },
      ],
    });
    interviewUrl = page.url();
    await expect(page.getByRole("region", { name: "Questions" }).getByRole("listitem")).toHaveCount(3);
  });

  await test.step("HR mints a one-attempt invite with an email; the link is shown once", async () => {
    link = await interview.mintInvite({ name: candidate.name, email: candidate.email, maxAttempts: 1 });
    expect(link).toMatch(/\/interview\/[A-Za-z0-9_-]{43,}$/);
    const row = interview.inviteRow(candidate.email);
    await expect(row.getByText("Active", { exact: true })).toBeVisible();
    await expect(row).toContainText("0 of 1");
    await expect(row.getByText("In the outbox", { exact: true })).toBeVisible(); // its email's delivery: no SMTP here
  });

  await test.step("the interview page and the list have no serious accessibility violations", async () => {
    expect(await seriousViolations(page)).toEqual([]);
    await interviews.goto();
    await expect(interviews.row(title)).toContainText("1"); // invited
    expect(await seriousViolations(page)).toEqual([]);
  });

  await test.step("the invite email waits in the Outbox with the link", async () => {
    const outbox = new OutboxPage(page);
    await outbox.goto();
    const text = await outbox.openMessageTo(candidate.email.toLowerCase());
    expect(text).toContain(link);
    expect(text).toContain(title);
    const email = outbox.rowTo(candidate.email.toLowerCase());
    await expect(email.getByText("In the outbox", { exact: true })).toBeVisible();
    await expect(email).toContainText("No mail server configured");
    expect(await seriousViolations(page)).toEqual([]);
  });

  const candidateContext = await browser.newContext({ storageState: SIGNED_OUT });
  const landing = new CandidateLandingPage(await candidateContext.newPage());
  await test.step("the candidate opens the link in a fresh browser and sees the landing page", async () => {
    await landing.goto(link, title);
    await expect(landing.main).toContainText("NextGen AI");
    await expect(landing.main).toContainText("3 questions");
    await expect(landing.main).toContainText("1 attempt");
    expect(await seriousViolations(landing.page)).toEqual([]);
  });

  await test.step("opening the page used no attempt: the dashboard still shows 0 of 1", async () => {
    await interview.goto(interviewUrl, title);
    await expect(interview.inviteRow(candidate.email)).toContainText("0 of 1");
  });

  const room = new CandidateRoomPage(landing.page);
  await test.step("the candidate consents, checks the devices and starts the interview", async () => {
    await room.enterRoom({ practice: true, questions: 3 });
  });

  await test.step("reloading shows the interview in progress; the same browser continues it without a new attempt", async () => {
    await landing.page.reload();
    await expect(landing.main.getByRole("heading", { name: "Your interview is in progress" })).toBeVisible();
    await landing.main.getByRole("button", { name: "Continue interview" }).click();
    await room.checkDevices({ testRecording: false });
    await room.continueFromDevices("Continue interview");
    await room.expectQuestion(1, 3);
    await expect(landing.main).toContainText("Welcome back");
  });

  const otherContext = await browser.newContext({ storageState: SIGNED_OUT });
  await test.step("another browser (no resume proof) cannot continue it, and is told no attempt is left to start over", async () => {
    const second = new CandidateLandingPage(await otherContext.newPage());
    await second.goto(link, title);
    await expect(second.main.getByRole("heading", { name: "Your interview is in progress" })).toBeVisible();
    await second.main.getByRole("button", { name: "Continue interview" }).click();
    const secondRoom = new CandidateRoomPage(second.page);
    await secondRoom.checkDevices({ testRecording: false });
    await secondRoom.continueFromDevices("Continue interview");
    await expect(second.main.getByRole("alert")).toContainText("This browser cannot continue your interview");
    await expect(second.main).toContainText("There are no attempts left to start over with");
    await expect(second.main.getByRole("button", { name: /Start a new attempt/ })).toHaveCount(0);
    await expect(second.main.getByRole("button", { name: "Try again" })).toHaveCount(0);
  });
  await otherContext.close();
  await candidateContext.close();

  await test.step("the invites table shows the new status", async () => {
    await interview.goto(interviewUrl, title);
    const row = interview.inviteRow(candidate.email);
    await expect(row.getByText("In progress", { exact: true })).toBeVisible();
    await expect(row).toContainText("1 of 1");
  });

  await test.step("diagnostics explain the status against the database clock", async () => {
    await page.getByRole("link", { name: "Diagnostics" }).click();
    await expect(page.getByRole("heading", { name: "Invite diagnostics", level: 1 })).toBeVisible();
    const row = page
      .getByRole("table", { name: "Invite diagnostics" })
      .getByRole("row")
      .filter({ hasText: candidate.email.toLowerCase() });
    await expect(row).toContainText("an attempt is in progress");
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test("HR scores questions on criteria: the defaults are offered, edited, removed with a confirmation and kept after saving", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const title = `Platform engineer screen ${Date.now()}`;
  const form = new InterviewFormPage(page);
  const details = page.getByRole("region", { name: "Questions" });

  await test.step("HR opens a new interview: every question starts with the default criteria", async () => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signInAndWait(ACCOUNTS.hr.email);
    await page.goto("/dashboard/interviews/new");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Question 1 text").fill("Tell us about a system you designed.");
    await page.getByRole("button", { name: "Add question" }).click();
    await page.getByLabel("Question 2 text").fill("Anything you would like to ask us?");
    await expect(form.criteriaToggle(1)).toHaveAttribute("aria-expanded", "false");
    await form.openCriteria(1);
    await expect(form.criteriaOf(1)).toHaveCount(3);
    await expect(form.criterion(1, 1).getByLabel("Criterion name")).toHaveValue("Relevance and structure");
    expect(await seriousViolations(page)).toEqual([]);
  });

  await test.step("HR edits a criterion and removes one, confirming because it has text", async () => {
    await form.fillCriterion(1, 1, {
      name: "Systems thinking",
      anchors: { "3": "Names the parts but not how they interact." },
    });
    const removeThird = page.getByRole("button", { name: "Remove criterion 3 of question 1" });
    await form.confirm(removeThird, "cancel", "Remove criterion");
    await expect(form.criteriaOf(1)).toHaveCount(3);
    await form.confirm(removeThird, "confirm", "Remove criterion");
    await expect(form.criteriaOf(1)).toHaveCount(2);
    await expect(page.getByRole("button", { name: "Add criterion to question 1" })).toBeFocused();
  });

  await test.step("question 2 is not scored; the interview names a competency", async () => {
    await form.openCriteria(2);
    await form.confirm(
      page.getByRole("button", { name: "Remove all criteria of question 2" }),
      "confirm",
      "Remove all criteria",
    );
    await expect(form.criteriaOf(2)).toHaveCount(0);
    await expect(page.getByText("None: answers are transcribed but not scored")).toBeVisible();
    await form.addCompetency("Ownership", "Takes responsibility for outcomes, not just tasks.");
  });

  await test.step("an incomplete criterion is shown inline and keeps the form open; an empty one goes without asking", async () => {
    await page.getByRole("button", { name: "Add criterion to question 1" }).click();
    await expect(form.criterion(1, 3).getByLabel("Criterion name")).toBeFocused();
    await form.criterion(1, 3).getByLabel("Criterion name").fill("Trade-offs");
    await page.getByRole("button", { name: "Create interview" }).click();
    await expect(form.criterion(1, 3).getByLabel("What good looks like")).toHaveAccessibleDescription(
      /What a good answer looks like is required/,
    );
    await expect(form.criterion(1, 3).getByLabel("Score 5 looks like")).toHaveAccessibleDescription(
      /The anchor for score 5 is required/,
    );
    await expect(page).toHaveURL(/\/dashboard\/interviews\/new$/);
    await form.criterion(1, 3).getByLabel("Criterion name").fill("");
    await page.getByRole("button", { name: "Remove criterion 3 of question 1" }).click();
    await expect(form.confirmDialog).toBeHidden();
    await expect(form.criteriaOf(1)).toHaveCount(2);
  });

  let id = "";
  await test.step("saved, the interview shows its criteria and competencies, also after a reload", async () => {
    await page.getByRole("button", { name: "Create interview" }).click();
    await expect(page).toHaveURL(/\/dashboard\/interviews\/[0-9a-f-]{36}$/);
    id = page.url().split("/").pop()!;
    await page.reload();
    await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
    await expect(details.getByRole("listitem").nth(0)).toContainText(
      "Scored on 2 criteria: Systems thinking, Specificity and evidence",
    );
    await expect(details.getByRole("listitem").nth(1)).toContainText("Not scored: answers are transcribed only");
    await expect(page.getByRole("region", { name: "Competencies" })).toContainText("Ownership");
  });

  await test.step("HR edits a criterion of the saved interview; the editor shows it after a reload", async () => {
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.getByRole("heading", { name: `Edit “${title}”`, level: 1 })).toBeVisible();
    await form.openCriteria(1);
    await expect(form.criterion(1, 1).getByLabel("Score 3 looks like")).toHaveValue(
      "Names the parts but not how they interact.",
    );
    await form.fillCriterion(1, 2, { name: "Evidence", anchors: { "5": "Concrete numbers from their own work." } });
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/interviews/${id}$`));
    await page.goto(`/dashboard/interviews/${id}/edit`);
    await form.openCriteria(1);
    await expect(form.criterion(1, 2).getByLabel("Criterion name")).toHaveValue("Evidence");
    await expect(form.criterion(1, 2).getByLabel("Score 5 looks like")).toHaveValue(
      "Concrete numbers from their own work.",
    );
    await expect(form.competencies.getByLabel("Competency name")).toHaveValue("Ownership");
  });

  await test.step("the API reads the same rubric back", async () => {
    const response = await request.get(`/api/interviewer/interviews/${id}`, {
      headers: { authorization: `Bearer ${await hrToken(request)}` },
    });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as {
      competencies: unknown;
      questions: { criteria: { name: string; anchors: Record<string, string> }[] }[];
    };
    expect(body.competencies).toEqual([
      { name: "Ownership", description: "Takes responsibility for outcomes, not just tasks." },
    ]);
    expect(body.questions[0]!.criteria.map((c) => c.name)).toEqual(["Systems thinking", "Evidence"]);
    expect(body.questions[0]!.criteria[0]!.anchors["3"]).toBe("Names the parts but not how they interact.");
    expect(body.questions[0]!.criteria[1]!.anchors["5"]).toBe("Concrete numbers from their own work.");
    expect(body.questions[1]!.criteria).toEqual([]);
  });
});

test("an unknown invite link gets its own clear page", async ({ page }) => {
  await page.goto("/interview/this-link-does-not-exist");
  await expect(page.getByRole("heading", { name: "We couldn't find this invitation" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe("as the admin", () => {
  test.use({ storageState: ADMIN_STATE });

  test("the question editor reorders with the keyboard and shows each problem inline", async ({ page }) => {
    await page.goto("/dashboard/interviews/new");
    await page.getByLabel("Question 1 text").fill("First question");
    await page.getByRole("button", { name: "Add question" }).click();
    await page.getByLabel("Question 2 text").fill("Second question");

    const moveUp = page.getByRole("button", { name: "Move question 2 up" });
    await moveUp.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByLabel("Question 1 text")).toHaveValue("Second question");
    await expect(page.getByLabel("Question 2 text")).toHaveValue("First question");
    await expect(page.getByRole("button", { name: "Move question 1 down" })).toBeFocused();

    await page
      .getByRole("group", { name: "Questions" })
      .getByRole("listitem")
      .nth(1)
      .getByLabel("Answer time limit (seconds)")
      .fill("5");
    await page.getByRole("button", { name: "Create interview" }).click();
    await expect(page.getByLabel("Title")).toHaveAccessibleDescription(/Title is required/);
    await expect(
      page
        .getByRole("group", { name: "Questions" })
        .getByRole("listitem")
        .nth(1)
        .getByLabel("Answer time limit (seconds)"),
    ).toHaveAccessibleDescription(/Enter a time limit from 10 to 1800 seconds/);
    await expect(page).toHaveURL(/\/dashboard\/interviews\/new$/);
  });
});

test("an employee sees interviews read-only", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.signInAndWait(ACCOUNTS.employee.email);
  const interviews = new InterviewsPage(page);
  await interviews.goto();
  await expect(page.getByRole("link", { name: "New interview" })).toHaveCount(0);
  await interviews.table.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/dashboard\/interviews\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("table", { name: "Candidate invites" })).toBeVisible();
  for (const name of ["Mint invite", "Bulk upload", "Archive"])
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Actions" })).toHaveCount(0);
  const edit = await page.goto(`${page.url()}/edit`);
  expect(edit?.status()).toBe(403);
});
