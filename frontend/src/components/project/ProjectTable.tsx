import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState, type MouseEvent } from "react";
import { useSelection, useSelectionStore } from "../../hooks/useSelection";
import { decodeFloat, formatValue } from "../../lib/numbers";
import type { ProjectData } from "../../lib/projectData";
import { projectOrder, RUN_COLUMN, STAR_COLUMN, type SortKey } from "../../lib/projectOrder";
import { TableTools } from "../common/TableTools";

const ROW_HEIGHT = 28;

interface Props {
  project: ProjectData;
  canEdit: boolean;
  focused: number | null;
  onFocus: (experimentId: number) => void;
  onStar: (experimentId: number, starred: boolean) => void;
}

interface Column {
  id: string;
  header: string;
  cell: (i: number) => string;
  className?: (i: number) => string;
}

function useColumns(project: ProjectData): Column[] {
  return useMemo(() => {
    const { data } = project;
    const runNames = new Map(project.runs.map((run) => [run.id, run.name]));
    return [
      { id: "id", header: "id", cell: (i) => String(data.ids[i]) },
      { id: RUN_COLUMN, header: "run", cell: (i) => runNames.get(project.runOf[i] ?? -1) ?? "" },
      { id: "status", header: "status", cell: (i) => data.status[i] ?? "" },
      {
        id: "tags",
        header: "tags",
        cell: (i) => (project.tags[i] ?? []).map((t) => `#${t}`).join(" "),
      },
      ...data.params.map((dim) => ({
        id: dim.key,
        header: dim.name,
        cell: (i: number) => formatValue(dim.raw[i]),
      })),
      ...data.metrics.map((dim) => ({
        id: dim.key,
        header: dim.name,
        cell: (i: number) => {
          const raw = dim.raw[i];
          return raw === null || raw === undefined ? "—" : formatValue(decodeFloat(raw));
        },
      })),
      { id: "flags", header: "flags", cell: (i) => flags(project, i) },
    ];
  }, [project]);
}

function selectedIds(ids: ArrayLike<number>, mask: Uint8Array | null): number[] {
  if (mask === null) return [];
  const chosen: number[] = [];
  for (let i = 0; i < mask.length; i += 1) if (mask[i] === 1) chosen.push(ids[i] ?? -1);
  return chosen;
}

function flags(project: ProjectData, i: number): string {
  const found: string[] = [];
  if (project.data.ids[i] === project.productionId) found.push("production");
  if (project.archived[i]) found.push("archived");
  if (project.hasNote[i]) found.push("note");
  if (project.label[i]) found.push(`from ${project.label[i]}`);
  return found.join(" · ");
}

/** Every experiment of every run: filter, sort, multi-select, star; virtualized for 100,000s. */
export function ProjectTable({ project, canEdit, focused, onFocus, onStar }: Props) {
  const store = useSelectionStore();
  const { mask, version } = useSelection();
  const [sort, setSort] = useState<SortKey | undefined>();
  const [filter, setFilter] = useState("");
  const [onlySelected, setOnlySelected] = useState(false);
  const anchor = useRef<number | null>(null);
  const { data } = project;

  const rowMask = onlySelected ? mask : null;
  const order = useMemo(
    () => projectOrder(project, sort, filter, rowMask),
    [project, sort, filter, rowMask],
  );
  const columns = useColumns(project);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: order.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 900, height: 420 },
  });
  const items = virtual.getVirtualItems();

  // A pick in the table starts from what every view shows selected (brushes included) and
  // replaces it: a ctrl-click adds a row that a brush left out, rather than intersecting.
  const pick = (event: MouseEvent, position: number, visibleIndex: number) => {
    const id = data.ids[position] ?? -1;
    const current = new Set(selectedIds(data.ids, mask));
    if (event.shiftKey && anchor.current !== null) {
      const [a, b] = [anchor.current, visibleIndex].toSorted((x, y) => x - y) as [number, number];
      for (const row of order.slice(a, b + 1)) current.add(data.ids[row] ?? -1);
    } else if (
      event.ctrlKey ||
      event.metaKey ||
      (event.target as HTMLElement).tagName === "INPUT"
    ) {
      if (current.has(id)) current.delete(id);
      else current.add(id);
    } else {
      current.clear();
      current.add(id);
    }
    anchor.current = visibleIndex;
    store.restore({ brushes: {}, picked: current.size ? [...current] : null });
    onFocus(id);
  };

  const toggleSort = (id: string) =>
    setSort((now) =>
      now?.id !== id ? { id, desc: false } : now.desc ? undefined : { id, desc: true },
    );
  const before = items[0]?.start ?? 0;
  const after = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <section className="experiments-table project-table" data-view="table" data-version={version}>
      <TableTools
        filter={filter}
        onFilter={setFilter}
        placeholder="Filter: run, #tag, starred, values…"
        onlySelected={onlySelected}
        onOnlySelected={setOnlySelected}
        shown={order.length}
        total={data.size}
      />
      <div className="table-scroll" ref={scroller}>
        <table aria-label="Experiments" aria-multiselectable="true">
          <thead>
            <tr>
              <th aria-label="selected" />
              <th className="sortable" onClick={() => toggleSort(STAR_COLUMN)}>
                ★
              </th>
              {columns.map((column) => (
                <th
                  key={column.id}
                  className="sortable"
                  onClick={() => toggleSort(column.id)}
                  aria-sort={
                    sort?.id !== column.id ? "none" : sort.desc ? "descending" : "ascending"
                  }
                >
                  {column.header}
                  {sort?.id === column.id ? (sort.desc ? " ▼" : " ▲") : ""}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {before > 0 && <tr style={{ height: before }} aria-hidden="true" />}
            {items.map((item) => {
              const i = order[item.index] ?? 0;
              const id = data.ids[i] ?? -1;
              const selected = mask !== null && mask[i] === 1;
              const starred = project.starred[i] ?? false;
              const classes = [
                `status-${data.status[i] ?? ""}`,
                selected ? "selected" : "",
                project.archived[i] ? "archived" : "",
                focused === id ? "focused" : "",
              ];
              return (
                <tr
                  key={id}
                  aria-selected={selected}
                  className={classes.join(" ")}
                  style={{ height: ROW_HEIGHT }}
                  onClick={(event) => pick(event, i, item.index)}
                  data-experiment={id}
                >
                  <td>
                    <input
                      type="checkbox"
                      checked={selected}
                      readOnly
                      aria-label={`pick experiment ${id}`}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className={`star${starred ? " on" : ""}`}
                      disabled={!canEdit}
                      aria-label={`${starred ? "unstar" : "star"} experiment ${id}`}
                      aria-pressed={starred}
                      onClick={(event) => {
                        event.stopPropagation();
                        onStar(id, !starred);
                      }}
                    >
                      {starred ? "★" : "☆"}
                    </button>
                  </td>
                  {columns.map((column) => (
                    <td key={column.id}>{column.cell(i)}</td>
                  ))}
                </tr>
              );
            })}
            {after > 0 && <tr style={{ height: after }} aria-hidden="true" />}
          </tbody>
        </table>
        {data.size === 0 && <p className="empty">This project has no experiments.</p>}
      </div>
    </section>
  );
}
