import {
  defaultCriteria,
  MAX_COMPETENCIES,
  MAX_CRITERIA_PER_QUESTION,
  type Competency,
  type Criterion,
} from "@/lib/evaluation/rubric";

// The rubric as the editor holds it: the API's own criterion and competency shapes (all strings already), each with a
// stable key for React, focus and inline errors. The key is never sent.

export { MAX_COMPETENCIES, MAX_CRITERIA_PER_QUESTION };

export type CriterionDraft = Criterion & { key: string };
export type CompetencyDraft = Competency & { key: string };

let nextKey = 0;
const key = (prefix: string) => `${prefix}${nextKey++}`;

export const newCriterion = (from?: Criterion): CriterionDraft => ({
  key: key("c"),
  name: from?.name ?? "",
  good: from?.good ?? "",
  anchors: { "1": from?.anchors["1"] ?? "", "3": from?.anchors["3"] ?? "", "5": from?.anchors["5"] ?? "" },
});

export const newCompetency = (from?: Competency): CompetencyDraft => ({
  key: key("k"),
  name: from?.name ?? "",
  description: from?.description ?? "",
});

/** The default criteria (lib/evaluation/rubric.ts), as fresh drafts for one question. */
export const defaultCriterionDrafts = (): CriterionDraft[] => defaultCriteria().map(newCriterion);

export const toCriteriaInput = (criteria: readonly CriterionDraft[]): Criterion[] =>
  criteria.map(({ key: _key, ...criterion }) => criterion);
export const toCompetenciesInput = (competencies: readonly CompetencyDraft[]): Competency[] =>
  competencies.map(({ key: _key, ...competency }) => competency);

/** Whether removing it would lose something the person typed (or kept from the default). */
export const criterionHasText = (c: Criterion) =>
  [c.name, c.good, c.anchors["1"], c.anchors["3"], c.anchors["5"]].some((s) => s.trim() !== "");
export const competencyHasText = (c: Competency) => c.name.trim() !== "" || c.description.trim() !== "";
