import { createHash } from "node:crypto";

// Upstash's own server understands `#!lua flags=allow-key-locking`, and @upstash/ratelimit 2.1+ starts every script
// with it; Redis 7.0 refuses the unknown flag. The bridge drops unknown flags before Redis sees a script and remembers
// which SHA the client computed from the original text, so the client's EVALSHA still finds the rewritten script.
const FLAGS_REDIS_LACKS = new Set(["allow-key-locking"]);
const FLAGS_SHEBANG = /^#!lua[ \t]+flags=(\S*)[ \t]*$/;

export function sha1Hex(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

export function withoutUnsupportedFlags(script: string): string {
  const lineEnd = script.indexOf("\n");
  const firstLine = lineEnd === -1 ? script : script.slice(0, lineEnd);
  const match = FLAGS_SHEBANG.exec(firstLine);
  if (!match?.[1]) return script;
  const flags = match[1].split(",").filter((flag) => flag && !FLAGS_REDIS_LACKS.has(flag));
  // A bare `#!lua` keeps the script in Redis 7's shebang mode, so it behaves as the flagged one would.
  const shebang = flags.length > 0 ? `#!lua flags=${flags.join(",")}` : "#!lua";
  return shebang + script.slice(firstLine.length);
}

/** A command as Redis should receive it, and how to turn Redis's reply into the one the client expects. */
export interface PreparedCommand {
  args: string[];
  toClientReply(reply: unknown): unknown;
}

const unchanged = (reply: unknown): unknown => reply;

/** Rewrites script commands; `args[0]` must already be upper case. One instance lives as long as the bridge. */
export class ScriptRewriter {
  readonly #redisShaByClientSha = new Map<string, string>();

  prepare(args: string[]): PreparedCommand {
    const [name, first, ...rest] = args;
    if (name === undefined || first === undefined) return { args, toClientReply: unchanged };
    switch (name) {
      case "EVAL":
      case "EVAL_RO":
        return { args: [name, this.#rewrite(first), ...rest], toClientReply: unchanged };
      case "EVALSHA":
      case "EVALSHA_RO": {
        // An unknown SHA goes to Redis as is, so the client gets Redis's own NOSCRIPT error and falls back to EVAL.
        const redisSha = this.#redisShaByClientSha.get(first.toLowerCase()) ?? first;
        return { args: [name, redisSha, ...rest], toClientReply: unchanged };
      }
      case "SCRIPT": {
        const [script, ...more] = rest;
        if (first.toUpperCase() !== "LOAD" || script === undefined) break;
        const clientSha = Buffer.from(sha1Hex(script));
        return { args: [name, first, this.#rewrite(script), ...more], toClientReply: () => clientSha };
      }
    }
    return { args, toClientReply: unchanged };
  }

  #rewrite(script: string): string {
    const rewritten = withoutUnsupportedFlags(script);
    if (rewritten !== script) this.#redisShaByClientSha.set(sha1Hex(script), sha1Hex(rewritten));
    return rewritten;
  }
}
