// getUserMedia's failures in plain language, with what to do about each. Browsers name them by DOMException name.

export interface MediaProblem {
  title: string;
  fix: string;
}

export function describeMediaError(error: unknown): MediaProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  switch (name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
      return {
        title: "Your browser is blocking the camera or microphone",
        fix: "Click the camera icon or the lock in the address bar, set Camera and Microphone to Allow, then press Try again. On a phone, check the browser's permissions in Settings.",
      };
    case "NotFoundError":
    case "DevicesNotFoundError":
      return {
        title: "No camera or microphone was found",
        fix: "Connect a camera and a microphone (most laptops have both built in), then press Try again.",
      };
    case "NotReadableError":
    case "TrackStartError":
      return {
        title: "Your camera or microphone is busy",
        fix: "Another app (such as Zoom, Teams or another browser tab) may be using it. Close that app, then press Try again.",
      };
    case "OverconstrainedError":
      return {
        title: "The selected device is not available",
        fix: "Pick another camera or microphone from the lists, or unplug and reconnect it.",
      };
    case "SecurityError":
      return {
        title: "The camera is not allowed on this page",
        fix: "Open the interview link exactly as it was sent to you (it starts with https://).",
      };
    default:
      return {
        title: "The camera or microphone could not start",
        fix: "Reload the page and try again. If it keeps happening, try another browser such as Chrome, Edge, Firefox or Safari.",
      };
  }
}

export interface DeviceChoice {
  videoDeviceId?: string;
  audioDeviceId?: string;
}

/** Camera and microphone, with the chosen devices when there are any. */
export async function openCameraAndMic(choice: DeviceChoice): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new DOMException("Media devices are unavailable", "SecurityError");
  return navigator.mediaDevices.getUserMedia({
    video: {
      ...(choice.videoDeviceId ? { deviceId: { exact: choice.videoDeviceId } } : {}),
      width: { ideal: 1280 },
      height: { ideal: 720 },
    },
    audio: {
      ...(choice.audioDeviceId ? { deviceId: { exact: choice.audioDeviceId } } : {}),
      echoCancellation: true,
      noiseSuppression: true,
    },
  });
}

export const stopStream = (stream: MediaStream | null) => stream?.getTracks().forEach((t) => t.stop());
