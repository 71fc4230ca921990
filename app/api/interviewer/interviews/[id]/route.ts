// GET /api/interviewer/interviews/{id}: any signed-in role (own company). PATCH, DELETE (archive): who manages it.
import { authedApiRoute, json } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/json-body";
import { uuidParam } from "@/lib/http/params";
import { requestMeta } from "@/lib/http/request-meta";
import { archiveInterview, updateInterview } from "@/lib/interviews/manage";
import { interviewWithQuestions } from "@/lib/interviews/queries";
import { parseInterviewBody, UpdateInterviewBody } from "@/lib/interviews/schemas";
import { toInterviewJson } from "@/lib/interviews/serialize";

export const GET = authedApiRoute<{ id: string }>(
  async (_request, { auth, params }) => {
    const { interview, questions, counts } = await interviewWithQuestions({
      companyId: auth.companyId,
      interviewId: uuidParam(params.id, "Interview"),
    });
    return json(toInterviewJson(interview, { questions, counts }));
  },
  { permission: "interviews.read" },
);

export const PATCH = authedApiRoute<{ id: string }>(async (request, { auth, params }) => {
  const interviewId = uuidParam(params.id, "Interview");
  const data = parseInterviewBody(UpdateInterviewBody, await readJsonBody(request));
  const { interview, questions } = await updateInterview({
    actor: auth,
    interviewId,
    data,
    meta: requestMeta(request.headers),
  });
  return json(toInterviewJson(interview, { questions }));
});

export const DELETE = authedApiRoute<{ id: string }>(async (request, { auth, params }) => {
  const interviewId = uuidParam(params.id, "Interview");
  const { interview, questions } = await archiveInterview({
    actor: auth,
    interviewId,
    meta: requestMeta(request.headers),
  });
  return json(toInterviewJson(interview, { questions }));
});
