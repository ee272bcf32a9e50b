import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState, type MouseEvent } from "react";
import { useSelection, useSelectionStore } from "../../hooks/useSelection";
import type { Dataset } from "../../lib/dataset";
import { decodeFloat, formatValue } from "../../lib/numbers";
import { tableOrder } from "../../lib/tableOrder";
import { TableTools } from "../common/TableTools";

const ROW_HEIGHT = 26;

/** A row of the table is an experiment's position in the dataset. */
type Row = number;

/** A metric as logged: a number, NaN or ±∞, or "—" when the experiment never logged it. */
function metricText(raw: unknown): string {
  return raw === null || raw === undefined ? "—" : formatValue(decodeFloat(raw));
}

function flags(data: Dataset, i: number): string {
  const found: string[] = [];
  if (data.stopRequested[i]) found.push("stop requested");
  if ((data.nonfinite[i] ?? 0) > 0) found.push(`${data.nonfinite[i]} NaN/inf`);
  if (data.reason[i]) found.push(data.reason[i] ?? "");
  return found.join(" · ");
}

function useColumns(data: Dataset): ColumnDef<Row, unknown>[] {
  return useMemo(() => {
    const numeric = (values: Float64Array) => (i: Row) => {
      const value = values[i] ?? NaN;
      return Number.isFinite(value) ? value : undefined;
    };
    return [
      { id: "id", header: "id", accessorFn: (i) => data.ids[i], size: 64 },
      { id: "status", header: "status", accessorFn: (i) => data.status[i], size: 90 },
      ...data.params.map<ColumnDef<Row, unknown>>((dim) => ({
        id: dim.key,
        header: dim.name,
        accessorFn:
          dim.kind === "band" ? (i) => dim.categories[dim.numbers[i] ?? -1] : numeric(dim.numbers),
        cell: (info) => formatValue(dim.raw[info.row.original]),
        sortUndefined: "last",
      })),
      ...data.metrics.map<ColumnDef<Row, unknown>>((dim) => ({
        id: dim.key,
        header: dim.name,
        accessorFn: numeric(dim.numbers),
        cell: (info) => (
          <span className={Number.isFinite(dim.numbers[info.row.original]) ? "" : "missing-value"}>
            {metricText(dim.raw[info.row.original])}
          </span>
        ),
        sortUndefined: "last",
      })),
      {
        id: "flags",
        header: "flags",
        accessorFn: (i) => flags(data, i),
        enableSorting: false,
        size: 180,
      },
    ];
  }, [data]);
}

interface Props {
  data: Dataset;
  /** The experiment open in the detail pane, marked in the table. */
  openId?: number | null;
  /** A plain click on a row opens its experiment (modifier clicks only pick). */
  onOpen?: (id: number) => void;
}

/** Every experiment of the run: sortable, filterable, multi-select, virtualized for 10,000s. */
export function ExperimentsTable({ data, openId = null, onOpen }: Props) {
  const store = useSelectionStore();
  const { state, mask, version } = useSelection();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [globalFilter, setGlobalFilter] = useState("");
  const [onlySelected, setOnlySelected] = useState(false);
  const anchor = useRef<number | null>(null);

  // Only "only selected" makes the order depend on the selection: a brush otherwise just
  // repaints the visible rows.
  const rowMask = onlySelected ? mask : null;
  const order = useMemo(
    () => tableOrder(data, sorting[0], globalFilter, rowMask),
    [data, sorting, globalFilter, rowMask],
  );

  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: order.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 800, height: 400 },
  });
  const items = virtual.getVirtualItems();

  // The table library runs headless over the visible window only: sorting and filtering are
  // done above over typed arrays (manual mode), so 10,000 rows never become row objects.
  const columns = useColumns(data);
  const visible = useMemo(() => items.map((item) => order[item.index] ?? 0), [items, order]);
  const table = useReactTable({
    data: visible,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    manualSorting: true,
    manualFiltering: true,
    getRowId: (position) => String(position),
    getCoreRowModel: getCoreRowModel(),
  });
  const shown = table.getRowModel().rows;

  const pick = (event: MouseEvent, position: number, visibleIndex: number) => {
    const id = data.ids[position] ?? -1;
    const current = new Set(state.picked ?? []);
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
      const only = current.size === 1 && current.has(id);
      current.clear();
      if (!only || onOpen) current.add(id);
      onOpen?.(id);
    }
    anchor.current = visibleIndex;
    store.setPicked([...current]);
  };

  const before = items[0]?.start ?? 0;
  const after = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);
  const picked = new Set(state.picked ?? []);

  return (
    <section className="experiments-table" data-view="table" data-version={version}>
      <TableTools
        filter={globalFilter}
        onFilter={setGlobalFilter}
        placeholder="Filter rows (status, values…)"
        onlySelected={onlySelected}
        onOnlySelected={setOnlySelected}
        shown={order.length}
        total={data.size}
      />
      <div className="table-scroll" ref={scroller}>
        <table aria-label="Experiments" aria-multiselectable="true">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                <th aria-label="selected" />
                {group.headers.map((header) => (
                  <th
                    key={header.id}
                    onClick={header.column.getToggleSortingHandler()}
                    className={header.column.getCanSort() ? "sortable" : ""}
                    aria-sort={sortState(header.column.getIsSorted())}
                  >
                    {flexRender(header.column.columnDef.header, header.getContext())}
                    {{ asc: " ▲", desc: " ▼" }[header.column.getIsSorted() as string] ?? ""}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {before > 0 && <tr style={{ height: before }} aria-hidden="true" />}
            {items.map((item, k) => {
              const row = shown[k];
              if (!row) return null;
              const position = row.original;
              const selected = mask !== null && mask[position] === 1;
              const status = data.status[position] ?? "";
              return (
                <tr
                  key={row.id}
                  aria-selected={selected}
                  className={`status-${status}${selected ? " selected" : ""}${
                    openId === data.ids[position] ? " open" : ""
                  }`}
                  style={{ height: ROW_HEIGHT }}
                  onClick={(event) => pick(event, position, item.index)}
                  data-experiment={data.ids[position]}
                >
                  <td>
                    <input
                      type="checkbox"
                      checked={picked.has(data.ids[position] ?? -1)}
                      readOnly
                      aria-label={`pick experiment ${data.ids[position]}`}
                    />
                  </td>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
            {after > 0 && <tr style={{ height: after }} aria-hidden="true" />}
          </tbody>
        </table>
        {data.size === 0 && <p className="empty">This run has no experiments.</p>}
      </div>
    </section>
  );
}

function sortState(sorted: false | "asc" | "desc"): "ascending" | "descending" | "none" {
  return sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none";
}
