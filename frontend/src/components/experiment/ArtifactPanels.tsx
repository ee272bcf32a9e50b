import { useArtifact, type ArtifactSummary } from "../../hooks/experimentApi";
import { ErrorNote } from "../common/ErrorNote";
import { ArtifactChart } from "./ArtifactChart";
import { confusionFor, customCharts } from "./artifactPick";

/** One artifact, fetched with its payload and drawn. */
export function ArtifactItem({ summary }: { summary: ArtifactSummary }) {
  const artifact = useArtifact(summary.id);
  if (artifact.error) return <ErrorNote error={artifact.error} />;
  if (!artifact.data) return <p className="loading">Loading {summary.name}…</p>;
  return <ArtifactChart kind={summary.kind} name={summary.name} payload={artifact.data.payload} />;
}

interface ConfusionProps {
  artifacts: ArtifactSummary[];
  epoch: number | null;
}

/** The confusion matrix of the replayed epoch (or the final one). */
export function EpochConfusion({ artifacts, epoch }: ConfusionProps) {
  const chosen = confusionFor(artifacts, epoch);
  if (!artifacts.some((a) => a.kind === "confusion_matrix")) return null;
  return (
    <section className="experiment-section epoch-confusion" data-testid="epoch-confusion">
      <h3>
        Confusion matrix{" "}
        <span className="muted" data-testid="confusion-name">
          {chosen ? chosen.name : `none logged by epoch ${epoch}`}
        </span>
      </h3>
      {chosen && <ArtifactItem key={chosen.id} summary={chosen} />}
    </section>
  );
}

/** Every other artifact of a built-in kind, drawn from its declarative spec. */
export function CustomCharts({ artifacts }: { artifacts: ArtifactSummary[] }) {
  const charts = customCharts(artifacts);
  if (charts.length === 0) return null;
  return (
    <section className="experiment-section" data-testid="custom-charts">
      <h3>Charts</h3>
      <div className="artifact-grid">
        {charts.map((summary) => (
          <ArtifactItem key={summary.id} summary={summary} />
        ))}
      </div>
    </section>
  );
}
