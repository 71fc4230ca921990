import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { candidateTokens } from "@/db/schema";
import { actorFrom, makeInterview, makeInvite } from "@/test/interview-fixtures";
import { useTestDb } from "@/test/use-test-db";
import { describeInvite } from "./landing";

// The analytics funnel's "opened": the landing page stamps an invite's first visit, and nothing else.

const fixture = useTestDb();
const hr = () => actorFrom(fixture.people["hr@nextgenai.com"]!, "HR");

async function openedAt(tokenId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ openedAt: candidateTokens.openedAt, currentAttempts: candidateTokens.currentAttempts })
    .from(candidateTokens)
    .where(eq(candidateTokens.id, tokenId));
  return row!;
}

describe("invite opened", () => {
  it("the first visit stamps opened_at; later visits keep the first time and use no attempt", async () => {
    const interview = await makeInterview(hr());
    const invite = await makeInvite(hr(), interview.id, { candidate_name: "Ada" });
    expect((await openedAt(invite.token.id)).openedAt).toBeNull();

    expect((await describeInvite(invite.value)).state).toBe("open");
    const first = (await openedAt(invite.token.id)).openedAt;
    expect(first).toBeInstanceOf(Date);

    await new Promise((resolve) => setTimeout(resolve, 20));
    await describeInvite(invite.value);
    expect(await openedAt(invite.token.id)).toEqual({ openedAt: first, currentAttempts: 0 });
  });

  it("a revoked invite's visit counts as opened too; an unknown link writes nothing", async () => {
    const interview = await makeInterview(hr());
    const invite = await makeInvite(hr(), interview.id);
    const db = await getDb();
    await db.update(candidateTokens).set({ revokedAt: new Date() }).where(eq(candidateTokens.id, invite.token.id));
    expect((await describeInvite(invite.value)).state).toBe("revoked");
    expect((await openedAt(invite.token.id)).openedAt).toBeInstanceOf(Date);
    expect((await describeInvite("A".repeat(43))).state).toBe("unknown");
  });

  it("a failing stamp never fails the page", async () => {
    const interview = await makeInterview(hr());
    const invite = await makeInvite(hr(), interview.id);
    const db = await getDb();
    const update = vi.spyOn(db, "update").mockImplementationOnce(() => {
      throw new Error("database hiccup");
    });
    try {
      expect((await describeInvite(invite.value)).state).toBe("open");
    } finally {
      update.mockRestore();
    }
    expect((await openedAt(invite.token.id)).openedAt).toBeNull();
  });
});
