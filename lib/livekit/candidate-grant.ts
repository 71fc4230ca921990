import { TrackSource, type VideoGrant } from "livekit-server-sdk";

// The smallest grant a candidate needs: join this one room, publish camera and microphone, nothing else.
// The join token lives LIVEKIT_CANDIDATE_TOKEN_TTL_S (at most 15 minutes); the room refreshes it 30 s before expiry.

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
