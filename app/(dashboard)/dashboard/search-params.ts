import { z } from "zod";

// Query strings are typed by hand in the address bar: anything malformed is dropped, never turned into a 500.

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a repeated parameter (`?page=2&page=3` reads as 2). */
export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const PAGE_LIMIT = 100_000; // far beyond any real page; keeps OFFSET arithmetic small

export const pageNumber = z.coerce.number().int().min(1).max(PAGE_LIMIT).catch(1);
