import type { RoomServiceClient } from "livekit-server-sdk";

// What the LiveKit server itself lists, through its room service API: the other way, beside the webhooks, to see when
// a candidate's track is there.

export const POLL_MS = 20; // between listParticipants calls while a join is timed

/**
 * performance.now() when a listParticipants answer first shows `identity` with at least one published track. The
 * answer is timestamped on arrival, so the figure is late by up to POLL_MS plus one request.
 */
export async function firstListedWithTrack(
  rooms: RoomServiceClient,
  room: string,
  identity: string,
  timeoutMs: number,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const participants = await rooms.listParticipants(room).catch(() => []); // the room may not exist yet
    const at = performance.now();
    if (participants.some((p) => p.identity === identity && p.tracks.length > 0)) return at;
    await sleep(POLL_MS);
  }
  throw new Error(`${identity} had no published track in room ${room} within ${timeoutMs / 1000} s`);
}

/** How many of the candidates the server lists with at least `tracks` published tracks (camera and microphone). */
export async function countPublishing(
  rooms: RoomServiceClient,
  joined: { room: string; identity: string }[],
  tracks: number,
): Promise<number> {
  const listed = await Promise.all(joined.map((j) => rooms.listParticipants(j.room).catch(() => [])));
  return joined.filter((j, i) => listed[i]!.some((p) => p.identity === j.identity && p.tracks.length >= tracks)).length;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
