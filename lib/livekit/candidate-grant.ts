import { TrackSource, type VideoGrant } from "livekit-server-sdk";

// The smallest grant a candidate needs: join this one room, publish camera and microphone, nothing else.
export const CANDIDATE_TOKEN_TTL_S = 15 * 60; // at most 15 minutes; the room refreshes 30 s before expiry

export const candidateIdentity = (sessionId: string) => `candidate-${sessionId}`;

export function candidateGrant(room: string): VideoGrant {
  return {
    room,
    roomJoin: true,
    canPublish: true,
    canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE],
    canSubscribe: true,
    canPublishData: false,
    canUpdateOwnMetadata: false,
    roomAdmin: false,
    roomCreate: false,
    roomList: false,
    roomRecord: false,
    hidden: false,
  };
}
