import { schemeTableau10 } from "d3";

/** The colour of the n-th overlaid experiment (the open one is first). */
export function experimentColor(n: number): string {
  return schemeTableau10[n % schemeTableau10.length] ?? "#4c78a8";
}

/** A short name for an experiment in legends: its id and hyperparameter values. */
export function experimentLabel(experiment: { id: number; params: Record<string, unknown> }) {
  const values = Object.entries(experiment.params).map(([k, v]) => `${k}=${String(v)}`);
  return values.length > 0 ? `#${experiment.id} ${values.join(" ")}` : `#${experiment.id}`;
}
