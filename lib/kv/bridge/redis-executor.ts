import { ReplyError, type Redis } from "ioredis";
import { ScriptRewriter, type PreparedCommand } from "./lua-scripts";

export type CommandReply = { result: unknown } | { error: string };

// Every request shares one connection, so a command that changes that connection's state or holds it (subscribe,
// transactions opened by hand, another database, another protocol) would break the bridge for everyone. Upstash's
// REST API does not offer them either; transactions go through /multi-exec.
const CONNECTION_STATE_COMMANDS = new Set([
  "AUTH",
  "DISCARD",
  "EXEC",
  "HELLO",
  "MONITOR",
  "MULTI",
  "PSUBSCRIBE",
  "PUNSUBSCRIBE",
  "QUIT",
  "RESET",
  "SELECT",
  "SSUBSCRIBE",
  "SUBSCRIBE",
  "SUNSUBSCRIBE",
  "UNSUBSCRIBE",
  "UNWATCH",
  "WATCH",
]);

/**
 * Runs REST commands on one ioredis connection. Redis error replies become `{ error }`; anything else (the connection
 * is down) is thrown, so the server can answer that Redis itself is unavailable.
 */
export class RedisExecutor {
  readonly #redis: Redis;
  readonly #scripts = new ScriptRewriter();

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async single(command: string[]): Promise<CommandReply> {
    const refusal = refuse(command);
    if (refusal) return refusal;
    const { args, toClientReply } = this.#prepare(command);
    try {
      const [name = "", ...rest] = args;
      return { result: toClientReply(await this.#redis.callBuffer(name, ...rest)) };
    } catch (error) {
      if (error instanceof ReplyError) return { error: (error as Error).message };
      throw error;
    }
  }

  /** Not atomic, like Upstash's /pipeline; ioredis still sends the commands in order on the one connection. */
  pipeline(commands: string[][]): Promise<CommandReply[]> {
    return Promise.all(commands.map((command) => this.single(command)));
  }

  /** Runs the commands in MULTI/EXEC. A transaction Redis refuses as a whole is one `{ error }`. */
  async multiExec(commands: string[][]): Promise<CommandReply[] | { error: string }> {
    for (const command of commands) {
      const refusal = refuse(command);
      if (refusal) return refusal;
    }
    const prepared = commands.map((command) => this.#prepare(command));
    const transaction = this.#redis.multi();
    for (const { args } of prepared) {
      const [name = "", ...rest] = args;
      transaction.callBuffer(name, ...rest);
    }
    let outcomes: [Error | null, unknown][] | null;
    try {
      outcomes = await transaction.exec();
    } catch (error) {
      if (error instanceof ReplyError) return { error: (error as Error).message };
      throw error;
    }
    // exec() is null only when a WATCHed key changed, and WATCH is refused above.
    if (!outcomes) throw new Error("transaction aborted unexpectedly");
    return outcomes.map(([error, reply], i) =>
      error ? { error: error.message } : { result: prepared[i]!.toClientReply(reply) },
    );
  }

  #prepare(command: string[]): PreparedCommand {
    const [name = "", ...rest] = command;
    // Upper case also keeps ioredis from applying its per-command conveniences (hgetall to an object, subscriber
    // mode), which it keys by the lower-case name; the client expects Redis's raw replies.
    return this.#scripts.prepare([name.toUpperCase(), ...rest]);
  }
}

function refuse(command: string[]): { error: string } | undefined {
  const name = command[0]?.toUpperCase() ?? "";
  if (CONNECTION_STATE_COMMANDS.has(name)) return { error: `ERR ${name} is not supported over REST` };
  return undefined;
}
