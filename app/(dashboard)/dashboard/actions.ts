"use server";

import { headers } from "next/headers";
import { currentUser } from "@/lib/auth/dal";
import { logout } from "@/lib/auth/logout";
import { signOut } from "@/lib/auth/nextauth";
import { requestMeta } from "@/lib/http/request-meta";

/** Revokes the server-side session (audited) before dropping the cookie, so a copied cookie is dead too. */
export async function signOutAction(): Promise<void> {
  const user = await currentUser();
  if (user) await logout({ context: user, meta: requestMeta(await headers()) });
  await signOut({ redirectTo: "/login" });
}
