"use client";

import { useEffect, useRef, useState } from "react";
import styles from "../review.module.css";
import { clockText } from "./ai-labels";
import type { Transcript } from "./ai-review-data";
import { answerVideoId, seekAnswerVideo } from "./seek-video";
import { segmentIndexAt } from "./transcript-timing";

/** Scrolls the list itself (never the page) so that its current line is in view. */
function keepInView(list: HTMLElement, line: HTMLElement | undefined) {
  if (!line) return;
  const top = line.offsetTop;
  const bottom = top + line.offsetHeight;
  if (top < list.scrollTop || bottom > list.scrollTop + list.clientHeight)
    list.scrollTop = Math.max(0, top - list.clientHeight / 3);
}

/**
 * An answer's transcript that follows its player: the line being spoken is highlighted as the video plays, and each
 * line is a button that moves the player to where it starts (focus stays in the transcript).
 */
export function FollowingTranscript({ answer, transcript }: { answer: number; transcript: Transcript }) {
  const [current, setCurrent] = useState(-1);
  const list = useRef<HTMLOListElement>(null);
  const { segments } = transcript;

  useEffect(() => {
    const video = document.getElementById(answerVideoId(answer));
    if (!(video instanceof HTMLVideoElement)) return;
    const follow = () => setCurrent(segmentIndexAt(segments, video.currentTime));
    follow();
    video.addEventListener("timeupdate", follow);
    video.addEventListener("seeked", follow);
    return () => {
      video.removeEventListener("timeupdate", follow);
      video.removeEventListener("seeked", follow);
    };
  }, [answer, segments]);

  useEffect(() => {
    if (list.current && current >= 0)
      keepInView(list.current, list.current.children[current] as HTMLElement | undefined);
  }, [current]);

  if (segments.length === 0)
    return <p className={styles.transcriptText}>{transcript.text || "Nothing was said in this answer."}</p>;
  return (
    <ol ref={list} className={styles.transcriptLines} aria-label={`Transcript of answer ${answer + 1}`}>
      {segments.map((segment, index) => (
        <li key={`${segment.start}-${index}`}>
          <button
            type="button"
            className={styles.transcriptLine}
            aria-current={index === current ? "true" : undefined}
            onClick={() => seekAnswerVideo(answer, segment.start)}
          >
            <span className={styles.transcriptTime}>{clockText(segment.start)}</span>
            <span>{segment.text.trim()}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
