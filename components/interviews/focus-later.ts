/**
 * Focuses the first match inside `root` once React has drawn it (a field just added, the button that stays when an
 * item is removed). Selectors name fixed attributes, never draft keys: those differ between the server's render and
 * the browser's, and React does not patch attributes after hydration.
 */
export const focusLater = (root: { current: HTMLElement | null }, selector: string) =>
  requestAnimationFrame(() => root.current?.querySelector<HTMLElement>(selector)?.focus());
