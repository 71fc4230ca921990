import type { Role } from "@/lib/users/roles";
import type { FormState } from "@/lib/http/server-action";

/** A user as the table shows it; plain data so it can cross into client components. */
export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  isActive: boolean;
  createdAt: string;
  /** Linked to a subject at the company's identity provider (single sign-on). */
  ssoLinked?: boolean;
}

/** A server action built with formAction(): callable from a form or directly with a FormData. */
export type UserFormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

export interface UserManagementActions {
  changeRole: UserFormAction;
  setActive: UserFormAction;
  /** Removes the user's two-factor sign-in (ADMIN). */
  resetTwoFactor?: UserFormAction;
  /** Clears the user's link to their identity provider account (ADMIN). */
  clearSsoLink?: UserFormAction;
}
