"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLE_LABELS } from "@/components/dashboard/user-labels";
import { ROLES } from "@/lib/users/roles";
import { formAction } from "@/lib/http/server-action";
import { createUser, updateUser } from "@/lib/users/manage";

// Admin-only user management. formAction checks "users.manage" and parses the form; lib/users/manage enforces the
// rules (password policy, no self-demotion) and writes the audit rows.

const USERS_PATH = "/dashboard/users";

const optionalName = z.string().trim().max(255, "Use at most 255 characters").optional();

const CreateUserForm = z.object({
  email: z.string().trim().pipe(z.email("Enter a valid email address").max(255, "Use at most 255 characters")),
  firstName: optionalName,
  lastName: optionalName,
  role: z.enum(ROLES, "Choose a role"),
  // Length and block-list rules live in the password policy, which createUser applies.
  password: z.string().min(1, "Enter an initial password"),
});

export const createUserAction = formAction(CreateUserForm, "users.manage", async (data, { user, meta }) => {
  const created = await createUser({ actor: user, ...data, meta });
  revalidatePath(USERS_PATH);
  return `Created ${created.email} as ${ROLE_LABELS[created.role]}.`;
});

const ChangeRoleForm = z.object({ userId: z.uuid(), role: z.enum(ROLES, "Choose a role") });

export const changeUserRoleAction = formAction(ChangeRoleForm, "users.manage", async (data, { user, meta }) => {
  const updated = await updateUser({ actor: user, userId: data.userId, role: data.role, meta });
  revalidatePath(USERS_PATH);
  return `Role saved: ${ROLE_LABELS[updated.role]}.`;
});

const SetActiveForm = z.object({
  userId: z.uuid(),
  isActive: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const setUserActiveAction = formAction(SetActiveForm, "users.manage", async (data, { user, meta }) => {
  const updated = await updateUser({ actor: user, userId: data.userId, isActive: data.isActive, meta });
  revalidatePath(USERS_PATH);
  return updated.isActive
    ? `Reactivated ${updated.email}.`
    : `Deactivated ${updated.email}; they were signed out everywhere.`;
});
