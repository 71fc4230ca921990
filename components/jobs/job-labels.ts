// What each queue's work is called on the dashboard; a queue without a label shows its name.
const QUEUE_LABELS: Record<string, string> = {
  "purge-recordings": "Recording retention purge",
  "transcribe-recording": "Transcription",
  "evaluate-session": "AI evaluation",
};

export const queueLabel = (queue: string): string => QUEUE_LABELS[queue] ?? queue;
