"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { changePassword } from "@/lib/auth/change-password";
import { formAction } from "@/lib/http/server-action";

// Any signed-in user, for their own account ("account.password", which a user whose password has expired still has);
// lib/auth/change-password.ts checks the current password, applies the policy and signs out their other sessions. The
// fields are named as the API's body, so the lib's field errors land on them.

const ChangePasswordForm = z
  .object({
    current_password: z.string().min(1, "Enter your current password"),
    new_password: z.string().min(1, "Enter a new password"),
    confirm_password: z.string().min(1, "Repeat the new password"),
  })
  .refine((f) => f.new_password === f.confirm_password, {
    path: ["confirm_password"],
    message: "The two new passwords differ",
  });

export const changePasswordAction = formAction(ChangePasswordForm, "account.password", async (data, { user, meta }) => {
  const { signedOut } = await changePassword({
    context: user,
    currentPassword: data.current_password,
    newPassword: data.new_password,
    meta,
  });
  // An expired password's banner goes, and the dashboard opens again (lib/auth/dal.ts).
  revalidatePath("/dashboard", "layout");
  return signedOut === 0
    ? "Password changed. You had no other sessions."
    : `Password changed. ${signedOut} other ${signedOut === 1 ? "session was" : "sessions were"} signed out.`;
});
