/** An argv as one shell-quoted line, so the exact command can be copied and run again. */
export function shellLine(argv: string[]): string {
  return argv
    .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'"'"'`)}'`))
    .join(" ");
}

/** "1 h 2 min", "3 min 4 s", "5.2 s" between two instants; "—" without a start. */
export function duration(start: string | null, end: string | null, now = Date.now()): string {
  if (!start) return "—";
  const seconds = ((end ? Date.parse(end) : now) - Date.parse(start)) / 1000;
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A timestamp of the API in the reader's local time, or "—". */
export function when(value: string | null | undefined): string {
  return value ? new Date(value).toLocaleString() : "—";
}
