import { describe, expect, test } from "vitest";
import { ScriptRewriter, sha1Hex, withoutUnsupportedFlags } from "./lua-scripts";

describe("withoutUnsupportedFlags", () => {
  test("drops allow-key-locking and keeps flags Redis knows", () => {
    expect(withoutUnsupportedFlags("#!lua flags=allow-key-locking\nreturn 1")).toBe("#!lua\nreturn 1");
    expect(withoutUnsupportedFlags("#!lua flags=no-writes,allow-key-locking\nreturn 1")).toBe(
      "#!lua flags=no-writes\nreturn 1",
    );
  });

  test("leaves other scripts byte for byte", () => {
    for (const script of ["return 1", "#!lua\nreturn 1", "#!lua flags=no-writes\nreturn 1", "-- #!lua flags=x"]) {
      expect(withoutUnsupportedFlags(script)).toBe(script);
    }
  });
});

describe("ScriptRewriter", () => {
  const original = "#!lua flags=allow-key-locking\nreturn 1";
  const rewritten = "#!lua\nreturn 1";

  test("maps the client's SHA to the rewritten script's once the script was seen", () => {
    const scripts = new ScriptRewriter();
    expect(scripts.prepare(["EVALSHA", sha1Hex(original), "0"]).args).toEqual(["EVALSHA", sha1Hex(original), "0"]);
    expect(scripts.prepare(["EVAL", original, "0"]).args).toEqual(["EVAL", rewritten, "0"]);
    expect(scripts.prepare(["EVALSHA_RO", sha1Hex(original).toUpperCase(), "0"]).args).toEqual([
      "EVALSHA_RO",
      sha1Hex(rewritten),
      "0",
    ]);
  });

  test("SCRIPT LOAD loads the rewritten script and answers the client's SHA", () => {
    const { args, toClientReply } = new ScriptRewriter().prepare(["SCRIPT", "load", original]);
    expect(args).toEqual(["SCRIPT", "load", rewritten]);
    expect(toClientReply(Buffer.from(sha1Hex(rewritten)))).toEqual(Buffer.from(sha1Hex(original)));
  });
});
