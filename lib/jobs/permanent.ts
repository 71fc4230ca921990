// A failure that trying again cannot fix (a provider refusing the request as sent, an undecodable recording): the
// worker ends the job's retries at once, so it goes straight to the failed list, where a person can retry it after
// fixing the cause, instead of spending the retry budget (and provider money) on the same answer.
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}
