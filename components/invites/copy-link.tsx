"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { addonRowClass, controlClass } from "@/components/ui/field";

/** A read-only link with a copy button; the result is announced politely. */
export function CopyLink({ url, label = "Interview link" }: { url: string; label?: string }) {
  const id = useId();
  const [copied, setCopied] = useState<"" | "ok" | "failed">("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("ok");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div className="stack">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <div className={addonRowClass}>
        <input id={id} readOnly value={url} className={controlClass()} onFocus={(e) => e.currentTarget.select()} />
        <Button variant="secondary" onClick={copy}>
          Copy link
        </Button>
      </div>
      <p role="status" className="muted">
        {copied === "ok"
          ? "Link copied to the clipboard."
          : copied === "failed"
            ? "Copying was blocked; select the link and copy it by hand."
            : ""}
      </p>
    </div>
  );
}
