// Moving an answer's player to a moment, as the flag markers do. Each answer is its own <video>, found by id.

/** The id of answer `answer`'s (0-based) player; the answer card gives its <video> this id. */
export const answerVideoId = (answer: number) => `answer-video-${answer + 1}`;

/**
 * Seeks answer `answer`'s player to `seconds`. With `reveal`, the player is scrolled into view and takes focus, so
 * Space plays from there; without it focus stays where it is (the transcript's lines). False when there is no player.
 */
export function seekAnswerVideo(
  answer: number,
  seconds: number,
  { reveal = false }: { reveal?: boolean } = {},
): boolean {
  const video = document.getElementById(answerVideoId(answer));
  if (!(video instanceof HTMLVideoElement)) return false;
  video.currentTime = seconds;
  if (reveal) {
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    video.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
    video.focus({ preventScroll: true });
  }
  return true;
}
