import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { RedirectUriField, SsoProviderForm } from "@/components/settings/sso-form";
import { SsoRemoveControl } from "@/components/settings/sso-remove-control";
import { SsoRequirementForm } from "@/components/settings/sso-requirement-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/dal";
import { breakGlassCandidates } from "@/lib/auth/sso/break-glass";
import { ssoSettingsOf } from "@/lib/auth/sso/config";
import { ssoRedirectUri } from "@/lib/auth/sso/provider";
import { publicBaseUrl } from "@/lib/http/params";
import styles from "@/components/settings/sso.module.css";
import { removeSsoAction, saveSsoAction, setSsoRequiredAction } from "./sso-actions";

export const metadata: Metadata = { title: "Single sign-on" };

// The company's OpenID Connect provider (ADMIN): where to register us, the provider itself, whether single sign-on is
// required, and removing it. Every section keeps its place in the tree whether or not a provider is configured, so a
// form's outcome is still announced after the page re-renders.
export default async function SsoSettingsPage() {
  const viewer = await requirePermission("company.sso");
  const [settings, admins] = await Promise.all([
    ssoSettingsOf(viewer.companyId),
    breakGlassCandidates(viewer.companyId),
  ]);
  const redirectUri = ssoRedirectUri(publicBaseUrl(await headers()), viewer.companyId);
  const version = settings?.updatedAt.toISOString() ?? "none";
  // A stored break-glass admin who is no longer an active ADMIN cannot be offered; the viewer is suggested instead.
  const breakGlassActive = admins.some((a) => a.id === settings?.breakGlassUserId);
  return (
    <>
      <PageHeader
        title="Single sign-on (OpenID Connect)"
        description="Let your people sign in with your company's identity provider (Microsoft Entra ID, Google Workspace, Okta, Auth0 or any OpenID Connect provider) instead of a password here."
      />
      <p>
        <Link href="/dashboard/settings">Back to settings</Link>
      </p>
      <section aria-labelledby="sso-register-heading" className="stack">
        <h2 id="sso-register-heading">Register this app with your provider</h2>
        <p className="muted">
          Create a web application (OpenID Connect, authorization code flow) with your provider and give it this
          redirect URI. The provider then shows you an issuer URL, a client ID and a client secret to enter below.
        </p>
        <RedirectUriField uri={redirectUri} />
      </section>
      <section aria-labelledby="sso-provider-heading" className="stack">
        <h2 id="sso-provider-heading">Provider</h2>
        {settings === null && (
          <p className="muted">
            Single sign-on is not set up: everyone signs in with a password. Fill in the form to set it up.
          </p>
        )}
        <SsoProviderForm
          settings={
            settings && {
              issuer: settings.issuer,
              clientId: settings.clientId,
              secretOpens: settings.secretOpens,
              enabled: settings.enabled,
              jitEnabled: settings.jitEnabled,
              requireEmailVerified: settings.requireEmailVerified,
              domains: settings.domains,
              version,
            }
          }
          action={saveSsoAction}
        />
      </section>
      {settings !== null && (
        <section aria-labelledby="sso-required-heading" className="stack">
          <h2 id="sso-required-heading">Require single sign-on</h2>
          {settings.ssoRequired && !breakGlassActive && (
            <p className={styles.warning}>
              The break-glass admin is no longer an active admin, so nobody keeps password sign-in. Choose another and
              save.
            </p>
          )}
          <SsoRequirementForm
            required={settings.ssoRequired}
            breakGlassUserId={breakGlassActive ? settings.breakGlassUserId! : viewer.userId}
            admins={admins}
            enabled={settings.enabled}
            version={version}
            action={setSsoRequiredAction}
          />
        </section>
      )}
      <div className="stack">
        {settings !== null && <h2>Remove single sign-on</h2>}
        <SsoRemoveControl configured={settings !== null} action={removeSsoAction} />
      </div>
    </>
  );
}
