import os from "node:os";
import postgres from "postgres";
import { openPostgres } from "../../db";
import { listBoard } from "../../lib/board/board";
import { BoardQuery } from "../../lib/board/query";
import { getInterview } from "../../lib/interviews/queries";
import { num } from "../load";
import { machine, type Machine } from "../report";
import { makeBoardFixture, type BoardFixture } from "./fixture";
import { timeCalls, withRatios, type Timing } from "./measure";

// The ranked board of one interview with 10,000 completed candidates and 30,000 scorecards, a page of 50 under several
// sorts and filters, one request at a time (a reviewer paging the board): lib/board's listBoard called directly on
// PostgreSQL, then GET /api/interviewer/interviews/{id}/board on the production build. Each is set against a trivial
// authenticated read measured the same way in the same run (the interview by its id directly; GET /api/v1/users/me
// over HTTP), since machines differ from day to day. Target: p95 < 150 ms for a page.

const SESSIONS = num("BENCH_BOARD_SESSIONS", 10_000);
const ITERATIONS = num("BENCH_BOARD_ITERATIONS", 200); // timed calls per case
const WARM_UP = num("BENCH_BOARD_WARMUP", 20); // untimed calls first
const CSV_ITERATIONS = num("BENCH_BOARD_CSV_ITERATIONS", 20); // the whole board as CSV is no page: fewer, shown apart
export const TARGET_P95_MS = 150;
const VIEWER = "admin@nextgenai.com"; // the demo ADMIN: the bench server's logged-in user too

export const CASES: { label: string; query: Record<string, string> }[] = [
  { label: "default: AI score, best first", query: {} },
  { label: "human score ascending", query: { sort: "human_score", order: "asc" } },
  { label: "reviews, most first", query: { sort: "review_count" } },
  { label: "decision", query: { sort: "decision" } },
  { label: "newest completed", query: { sort: "completed_at" } },
  { label: "candidate A-Z, page 101 (skip 5000)", query: { sort: "candidate", skip: "5000" } },
  { label: "undecided and unreviewed, by AI score", query: { decision: "none", review: "unreviewed" } },
  { label: "needs my review, oldest first", query: { review: "needs_my_review", sort: "completed_at", order: "asc" } },
  { label: "advanced, by human score", query: { decision: "advance", sort: "human_score" } },
];

export interface BoardReport {
  skipped?: string;
  database?: string;
  machine?: Machine;
  loadAverage?: { start: number; end: number };
  fixture?: BoardFixture;
  iterations?: number;
  direct?: { baseline: Timing; cases: Timing[] };
  http?: { baseline: Timing; cases: Timing[]; csv: Timing };
  /** Page cases whose p95 missed the target (figures, not failures). */
  missed?: string[];
  problems: string[];
}

export async function benchBoard(opts: {
  baseUrl: string;
  staffToken: string;
  databaseUrl: string;
  databaseLabel: string;
  stamp: string;
}): Promise<BoardReport> {
  const loadAtStart = os.loadavg()[0]!;
  const sql = postgres(opts.databaseUrl, { max: 2, onnotice: () => {} });
  const handle = openPostgres(opts.databaseUrl, { max: 2 });
  try {
    console.log(`[bench] board: seeding ${SESSIONS} completed sessions with 3 scorecards each on average`);
    const fixture = await makeBoardFixture(sql, { sessions: SESSIONS, stamp: opts.stamp });
    const [viewer] = await sql<
      { id: string; company_id: string }[]
    >`SELECT id, company_id FROM users WHERE email = ${VIEWER}`;
    const actor = { userId: viewer!.id, companyId: viewer!.company_id, role: "ADMIN" as const };
    const times = { iterations: ITERATIONS, warmUp: WARM_UP };

    console.log(`[bench] board: listBoard directly, ${CASES.length} cases x ${ITERATIONS} calls`);
    const directBaseline = await timeCalls(
      "getInterview (one row by id)",
      () => getInterview(handle.db, { companyId: actor.companyId, interviewId: fixture.interviewId }),
      times,
    );
    const direct: Timing[] = [];
    for (const c of CASES) {
      const query = BoardQuery.parse(c.query);
      direct.push(
        await timeCalls(
          c.label,
          () => listBoard(handle.db, { viewer: actor, interviewId: fixture.interviewId, query }),
          times,
        ),
      );
    }

    console.log(
      `[bench] board: GET /api/interviewer/interviews/{id}/board, ${CASES.length} cases x ${ITERATIONS} requests`,
    );
    const auth = { authorization: `Bearer ${opts.staffToken}` };
    const get =
      (path: string, headers: Record<string, string> = {}) =>
      async () => {
        const response = await fetch(opts.baseUrl + path, { headers: { ...auth, ...headers } });
        const body = await response.text(); // the whole body, as a client reads it
        if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${body.slice(0, 300)}`);
      };
    const boardPath = (query: Record<string, string>) =>
      `/api/interviewer/interviews/${fixture.interviewId}/board?${new URLSearchParams(query)}`;
    const httpBaseline = await timeCalls("GET /api/v1/users/me", get("/api/v1/users/me"), times);
    const http: Timing[] = [];
    for (const c of CASES) http.push(await timeCalls(c.label, get(boardPath({ ...c.query, limit: "50" })), times));
    const csv = await timeCalls(
      `CSV, all ${fixture.sessions} rows (Accept: text/csv)`,
      get(boardPath({}), { accept: "text/csv" }),
      { iterations: CSV_ITERATIONS, warmUp: 2 },
    );

    const report = {
      direct: { baseline: directBaseline, cases: withRatios(direct, directBaseline) },
      http: { baseline: httpBaseline, cases: withRatios(http, httpBaseline), csv: withRatios([csv], httpBaseline)[0]! },
    };
    const missed = [
      ...report.direct.cases
        .filter((t) => t.p95Ms >= TARGET_P95_MS)
        .map((t) => `direct / ${t.label}: p95 ${t.p95Ms.toFixed(0)} ms`),
      ...report.http.cases
        .filter((t) => t.p95Ms >= TARGET_P95_MS)
        .map((t) => `HTTP / ${t.label}: p95 ${t.p95Ms.toFixed(0)} ms`),
    ];
    return {
      database: opts.databaseLabel,
      machine: machine(),
      loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
      fixture,
      iterations: ITERATIONS,
      ...report,
      missed,
      problems: [],
    };
  } finally {
    await handle.close();
    await sql.end({ timeout: 5 });
  }
}
