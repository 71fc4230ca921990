import { createInterview } from "@/lib/interviews/manage";
import type { InterviewActor } from "@/lib/interviews/access";
import { mintInvite } from "@/lib/invites/mint";
import type { MintInviteInput } from "@/lib/invites/schemas";

const meta = { ip: "127.0.0.1", userAgent: "vitest" };

export const actorFrom = (person: { id: string; companyId: string }, role: InterviewActor["role"]): InterviewActor => ({
  userId: person.id,
  companyId: person.companyId,
  role,
});

export async function makeInterview(
  actor: InterviewActor,
  overrides: Partial<Parameters<typeof createInterview>[0]["data"]> = {},
) {
  const { interview } = await createInterview({
    actor,
    meta,
    data: {
      title: "Backend engineer screen",
      position: "Backend engineer",
      description: null,
      questions: [
        { text: "Tell us about yourself", time_limit_seconds: 60 },
        { text: "A hard bug you fixed", time_limit_seconds: 120, think_time_seconds: 30 },
        { text: "Why us?", time_limit_seconds: 60 },
      ],
      retakes_allowed: 0,
      resume_grace_minutes: 15,
      practice_question: true,
      status: "active",
      ...overrides,
    },
  });
  return interview;
}

export async function makeInvite(actor: InterviewActor, interviewId: string, data: MintInviteInput = {}) {
  return mintInvite({ actor, interviewId, data, meta, baseUrl: "http://localhost:3000" });
}
