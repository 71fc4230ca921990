import { describe, expect, test } from "vitest";
import { consumeUnit, peekUnits, type UnitLog } from "./sliding-window-log";

const WINDOW_MS = 1_000;

describe("sliding window log", () => {
  test("counts units until the limit and frees each one exactly a window after it was counted", () => {
    const log: UnitLog = [];
    expect(consumeUnit(log, 2, WINDOW_MS, 0)).toEqual({ allowed: true, remaining: 1, resetAt: 1_000 });
    expect(consumeUnit(log, 2, WINDOW_MS, 400)).toEqual({ allowed: true, remaining: 0, resetAt: 1_000 });
    expect(consumeUnit(log, 2, WINDOW_MS, 999)).toEqual({ allowed: false, remaining: 0, resetAt: 1_000 });
    expect(consumeUnit(log, 2, WINDOW_MS, 1_000)).toEqual({ allowed: true, remaining: 0, resetAt: 1_400 });
    expect(log).toEqual([400, 1_000]);
  });

  test("a denied attempt is not counted", () => {
    const log: UnitLog = [];
    consumeUnit(log, 1, WINDOW_MS, 0);
    for (let at = 100; at < 1_000; at += 100) consumeUnit(log, 1, WINDOW_MS, at);
    expect(peekUnits(log, 1, WINDOW_MS, 1_000)).toEqual({ allowed: true, remaining: 1, resetAt: 1_000 });
  });

  test("peek never counts", () => {
    const log: UnitLog = [];
    peekUnits(log, 1, WINDOW_MS, 0);
    expect(peekUnits(log, 1, WINDOW_MS, 1)).toEqual({ allowed: true, remaining: 1, resetAt: 1 });
    expect(log).toEqual([]);
  });
});
