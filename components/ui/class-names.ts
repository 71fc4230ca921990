/** Joins the truthy class names, so conditional classes read as `cx(styles.a, active && styles.b)`. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}
