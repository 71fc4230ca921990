import { requirePermission } from "@/lib/auth/dal";

// Checked here as well as in the page: this layout renders before the page's loading boundary starts streaming, so a
// refusal can still be sent as a real 403 status (once streaming has begun, the status is already 200).
export default async function UsersLayout({ children }: { children: React.ReactNode }) {
  await requirePermission("users.list");
  return children;
}
