"use client";

import { useActionState, useId } from "react";
import { ROLE_OPTIONS } from "@/components/dashboard/user-labels";
import { controlClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { UserFormAction, UserRow } from "./types";
import styles from "./users.module.css";

interface RoleFormProps {
  user: UserRow;
  action: UserFormAction;
  /** The admin's own row: shown, but locked (the id of the text that says why). */
  lockedBy?: string;
}

export function RoleForm({ user, action, lockedBy }: RoleFormProps) {
  const [state, formAction] = useActionState(action, {});
  const selectId = useId();
  return (
    <div className={styles.cellStack}>
      {/* Keyed by the saved role: React resets a form after its action, and a select resets to the option it was
          first rendered with, so a fresh form is what shows the newly saved role. */}
      <form key={user.role} action={formAction} className={styles.roleForm}>
        <input type="hidden" name="userId" value={user.id} />
        <label htmlFor={selectId} className="visually-hidden">
          Role for {user.email}
        </label>
        <select
          id={selectId}
          name="role"
          defaultValue={user.role}
          disabled={!!lockedBy}
          aria-describedby={lockedBy}
          className={controlClass("sm")}
        >
          {ROLE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <SubmitButton variant="secondary" size="sm" disabled={!!lockedBy} pendingLabel="Saving…">
          Save<span className="visually-hidden"> role for {user.email}</span>
        </SubmitButton>
      </form>
      <FormMessage state={state} compact />
    </div>
  );
}
