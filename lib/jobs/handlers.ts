import { runRecordingRetention } from "@/lib/recordings/retention";
import { PURGE_RECORDINGS } from "./queues";
import { jobHandler, type JobRegistration } from "./registry";

// The handlers workers run. Add one line per job (`jobHandler(TRANSCRIBE_RECORDING, transcribeRecording)`); a queue
// without a handler here keeps its jobs waiting until a worker that has one starts.

export const JOB_HANDLERS: readonly JobRegistration[] = [
  // Idempotent by nature: each run deletes what is due; a second run finds nothing left to delete.
  jobHandler(PURGE_RECORDINGS, () => runRecordingRetention()),
];
