// Runs in a worker thread (see bcrypt-pool.ts) so bcrypt's CPU time never blocks the request event loop.
import bcrypt from "bcryptjs";

export default function run(task) {
  if (task.op === "hash") return bcrypt.hashSync(task.input, task.cost);
  if (task.op === "compare") return bcrypt.compareSync(task.input, task.hash);
  throw new Error(`unknown bcrypt op: ${task.op}`);
}
