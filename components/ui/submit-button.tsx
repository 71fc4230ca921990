"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "./button";

interface SubmitButtonProps extends ButtonProps {
  /** Label while the form's action runs, e.g. "Saving…". */
  pendingLabel?: string;
}

/** A submit button that shows its form's pending state; `pending` overrides it for forms submitted by hand. */
export function SubmitButton({ pending, pendingLabel, children, ...props }: SubmitButtonProps) {
  const status = useFormStatus();
  const busy = pending ?? status.pending;
  return (
    <Button type="submit" pending={busy} {...props}>
      {busy && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
