import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebhookReceiver } from "livekit-server-sdk";

// A second webhook URL for the LiveKit server, in the bench process: it timestamps each event as it arrives, on the
// same clock as the clicks, so a join is measured without changing the app (which gets the same events at its own
// URL). Only correctly signed events count.

export interface ArrivedEvent {
  event: string;
  room?: string;
  identity?: string;
  /** performance.now() when the request's headers arrived. */
  at: number;
}

export interface WebhookClock {
  url: string;
  /** The first event matching, already arrived or yet to come; rejects after timeoutMs. */
  first(event: string, identity: string, timeoutMs: number): Promise<ArrivedEvent>;
  /** Requests that failed the signature check. */
  rejected(): number;
  close(): Promise<void>;
}

export async function startWebhookClock(apiKey: string, apiSecret: string): Promise<WebhookClock> {
  const receiver = new WebhookReceiver(apiKey, apiSecret);
  const arrived: ArrivedEvent[] = [];
  const waiters = new Set<{ matches: (e: ArrivedEvent) => boolean; resolve: (e: ArrivedEvent) => void }>();
  let rejected = 0;

  const server = http.createServer((request, response) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      try {
        const event = await receiver.receive(Buffer.concat(chunks).toString("utf8"), request.headers.authorization);
        const entry: ArrivedEvent = {
          event: event.event,
          room: event.room?.name,
          identity: event.participant?.identity,
          at,
        };
        arrived.push(entry);
        for (const waiter of waiters) if (waiter.matches(entry)) waiter.resolve(entry);
        response.writeHead(200).end();
      } catch {
        rejected += 1;
        response.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    first(event, identity, timeoutMs) {
      const matches = (e: ArrivedEvent) => e.event === event && e.identity === identity;
      const found = arrived.find(matches);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          matches,
          resolve: (e: ArrivedEvent) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(e);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no ${event} webhook for ${identity} within ${timeoutMs / 1000} s`));
        }, timeoutMs).unref(); // a join that failed elsewhere must not hold the process open
        waiters.add(waiter);
      });
    },
    rejected: () => rejected,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // LiveKit keeps its webhook connections alive
      }),
  };
}
