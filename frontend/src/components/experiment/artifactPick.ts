import type { ArtifactSummary } from "../../hooks/experimentApi";

const EPOCH_SUFFIX = /epoch[_-]?(\d+)$/;

/** The epoch an artifact's name ends with (`confusion_matrix_epoch_4`), or null. */
export function epochOfName(name: string): number | null {
  const found = EPOCH_SUFFIX.exec(name);
  return found ? Number(found[1]) : null;
}

/**
 * The confusion matrix to show: at a replayed epoch, the one logged at (or last before) it;
 * otherwise the final one (no epoch in its name), or else the latest logged.
 */
export function confusionFor(
  artifacts: ArtifactSummary[],
  epoch: number | null,
): ArtifactSummary | null {
  const matrices = artifacts.filter((a) => a.kind === "confusion_matrix");
  if (epoch !== null) {
    let best: ArtifactSummary | null = null;
    let bestEpoch = -Infinity;
    for (const artifact of matrices) {
      const at = epochOfName(artifact.name);
      if (at !== null && at <= epoch && at > bestEpoch) [best, bestEpoch] = [artifact, at];
    }
    if (best) return best;
    if (matrices.some((a) => epochOfName(a.name) !== null)) return null;
  }
  return matrices.find((a) => epochOfName(a.name) === null) ?? matrices.at(-1) ?? null;
}

/** The artifacts drawn as custom charts: all but the confusion matrices shown above them. */
export function customCharts(artifacts: ArtifactSummary[]): ArtifactSummary[] {
  return artifacts.filter((a) => a.kind !== "confusion_matrix");
}
