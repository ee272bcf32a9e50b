import { formatValue } from "./numbers";
import type { ProjectData } from "./projectData";
import { sortedRows } from "./tableOrder";

export interface SortKey {
  id: string;
  desc: boolean;
}

/** Column ids the project table sorts by beside the dataset's dims. */
export const RUN_COLUMN = "run";
export const STAR_COLUMN = "star";

function sortValues(project: ProjectData, column: string): ArrayLike<number | string> | null {
  const { data } = project;
  if (column === "id") return data.ids;
  if (column === "status") return data.status;
  if (column === RUN_COLUMN) return project.runPlace;
  if (column === STAR_COLUMN) return project.starred.map((s) => (s ? 0 : 1));
  const dim = data.dims.get(column);
  if (!dim) return null;
  if (dim.kind !== "band") return dim.numbers;
  return Array.from(dim.numbers, (code) =>
    Number.isNaN(code) ? "" : (dim.categories[code] ?? ""),
  );
}

/** Each experiment's searchable text (run, id, status, label, tags, star, values), built once
 * per answer of the server: a keystroke then only looks for substrings. */
const searchTexts = new WeakMap<ProjectData, string[]>();

function searchText(project: ProjectData): string[] {
  const known = searchTexts.get(project);
  if (known) return known;

  const { data } = project;
  const runNames = new Map(project.runs.map((run) => [run.id, run.name]));
  const texts = Array.from({ length: data.size }, (_, i) =>
    [
      String(data.ids[i]),
      data.status[i] ?? "",
      runNames.get(project.runOf[i] ?? -1) ?? "",
      project.label[i] ?? "",
      ...(project.tags[i] ?? []).map((tag) => `#${tag}`),
      project.starred[i] ? "★ starred" : "",
      ...data.params.map((dim) => formatValue(dim.raw[i])),
    ]
      .join(" ")
      .toLowerCase(),
  );
  searchTexts.set(project, texts);
  return texts;
}

/**
 * The rows the project table shows, in order: experiments passing the filter words (and the
 * mask, for "only selected"), sorted by one column, missing values last. Typed arrays only,
 * so 100,000 rows filter and sort in tens of milliseconds.
 */
export function projectOrder(
  project: ProjectData,
  sort: SortKey | undefined,
  filter: string,
  mask: Uint8Array | null,
): Int32Array {
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const texts = words.length ? searchText(project) : [];
  const kept: number[] = [];
  for (let i = 0; i < project.data.size; i += 1) {
    if (mask !== null && mask[i] !== 1) continue;
    if (words.length && !words.every((word) => texts[i]?.includes(word))) continue;
    kept.push(i);
  }

  const values = sort ? sortValues(project, sort.id) : null;
  return sortedRows(kept, values, sort?.desc ?? false);
}
