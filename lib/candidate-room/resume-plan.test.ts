import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StoredAnswer } from "@/lib/candidate-sessions/started-session";
import type { TakeRecord } from "./chunk-store";
import { planResume } from "./resume-plan";

const take = (questionIndex: number, n: number, state: Partial<TakeRecord> = {}): TakeRecord => ({
  sessionId: "s1",
  questionIndex,
  take: n,
  mimeType: "video/webm",
  startedAt: 0,
  finished: true,
  finalized: false,
  ...state,
});
const server = (answer: number, status: StoredAnswer["status"], n = 0, retakesUsed = 0): StoredAnswer => ({
  answer,
  status,
  take: n,
  retakes_used: retakesUsed,
});

describe("planResume", () => {
  it("with nothing anywhere, keeps nothing and every answer starts on a fresh take", () => {
    const plan = planResume([], []);
    expect(plan).toEqual({ discard: [], takes: new Map(), answered: new Set(), uploading: 0 });
  });

  it("counts an answer the server verified as given, on the server's take", () => {
    const plan = planResume([server(0, "ready", 2, 1)], []);
    expect(plan.answered).toEqual(new Set([0]));
    expect(plan.takes.get(0)).toEqual({ take: 2, fresh: false });
    expect(plan.discard).toEqual([]);
  });

  it("does not count an answer the server holds only partly (uploading) or refused, but never reuses its take", () => {
    const plan = planResume([server(0, "uploading", 1), server(1, "failed", 0)], []);
    expect(plan.answered).toEqual(new Set());
    expect(plan.takes.get(0)).toEqual({ take: 1, fresh: false });
    expect(plan.takes.get(1)).toEqual({ take: 0, fresh: false });
  });

  it("drops a take cut off mid-answer, yet remembers it so the next recording asks for a newer take", () => {
    const plan = planResume([], [take(1, 0, { finished: false })]);
    expect(plan.discard).toEqual([{ questionIndex: 1, take: 0 }]);
    expect(plan.answered).toEqual(new Set());
    expect(plan.takes.get(1)).toEqual({ take: 0, fresh: false });
    expect(plan.uploading).toBe(0);
  });

  it("keeps a finished take whose chunks are partly uploaded: the answer is given and still uploading", () => {
    const plan = planResume([server(0, "uploading", 0)], [take(0, 0, { chunkCount: 3 })]);
    expect(plan.discard).toEqual([]);
    expect(plan.answered).toEqual(new Set([0]));
    expect(plan.uploading).toBe(1);
  });

  it("follows a local take newer than the server's", () => {
    const plan = planResume([server(0, "ready", 0, 0)], [take(0, 1)]);
    expect(plan.takes.get(0)).toEqual({ take: 1, fresh: false });
    expect(plan.answered).toEqual(new Set([0]));
    expect(plan.uploading).toBe(1);
  });

  it("follows the server when it replaced the local take; the old take is left for the uploader to settle (take_replaced)", () => {
    const plan = planResume([server(0, "uploading", 3, 1)], [take(0, 2)]);
    expect(plan.takes.get(0)).toEqual({ take: 3, fresh: false });
    expect(plan.discard).toEqual([]);
    expect(plan.uploading).toBe(1);
  });

  it("does not count a take the server refused for good, nor wait on it", () => {
    const plan = planResume([], [take(0, 0, { failed: "Checksum mismatch" })]);
    expect(plan.answered).toEqual(new Set());
    expect(plan.uploading).toBe(0);
    expect(plan.discard).toEqual([]);
  });

  it("counts a verified take kept on the device as given and not uploading", () => {
    const plan = planResume([], [take(0, 0, { finalized: true, sizeBytes: 10 }), take(1, 0)]);
    expect(plan.answered).toEqual(new Set([0, 1]));
    expect(plan.uploading).toBe(1);
  });

  const answers = fc.uniqueArray(
    fc.record({
      answer: fc.nat(5),
      status: fc.constantFrom("uploading", "ready", "failed" as const),
      take: fc.nat(4),
      retakes_used: fc.nat(3),
    }),
    { selector: (a) => a.answer },
  );
  const takes = fc.uniqueArray(
    fc.record({
      questionIndex: fc.nat(5),
      take: fc.nat(4),
      finished: fc.boolean(),
      finalized: fc.boolean(),
      failed: fc.option(fc.constant("refused"), { nil: undefined }),
    }),
    { selector: (t) => `${t.questionIndex}/${t.take}` },
  );
  const local = (
    ts: { questionIndex: number; take: number; finished: boolean; finalized: boolean; failed?: string }[],
  ) => ts.map((t) => take(t.questionIndex, t.take, t));

  it("never asks to answer again what the server holds as ready", () => {
    fc.assert(
      fc.property(answers, takes, (server, kept) => {
        const plan = planResume(server, local(kept));
        for (const a of server) if (a.status === "ready") expect(plan.answered.has(a.answer)).toBe(true);
      }),
    );
  });

  it("drops only takes cut off mid-answer, and never records over a take the server or the device knows", () => {
    fc.assert(
      fc.property(answers, takes, (server, kept) => {
        const records = local(kept);
        const plan = planResume(server, records);
        for (const d of plan.discard)
          expect(records.find((t) => t.questionIndex === d.questionIndex && t.take === d.take)).toMatchObject({
            finished: false,
            finalized: false,
          });
        const knownTakes = [
          ...server.map((a) => ({ questionIndex: a.answer, take: a.take })),
          ...records.map((t) => ({ questionIndex: t.questionIndex, take: t.take })),
        ];
        for (const known of knownTakes) {
          const planned = plan.takes.get(known.questionIndex);
          expect(planned?.fresh).toBe(false);
          expect(planned!.take).toBeGreaterThanOrEqual(known.take);
        }
      }),
    );
  });
});
