interface Props {
  filter: string;
  onFilter: (text: string) => void;
  placeholder: string;
  onlySelected: boolean;
  onOnlySelected: (only: boolean) => void;
  shown: number;
  total: number;
}

/** Above an experiments table: the text filter, "only selected" and the row count. */
export function TableTools(props: Props) {
  return (
    <div className="table-tools">
      <input
        type="search"
        placeholder={props.placeholder}
        value={props.filter}
        onChange={(event) => props.onFilter(event.target.value)}
        aria-label="Filter rows"
      />
      <label>
        <input
          type="checkbox"
          checked={props.onlySelected}
          onChange={(event) => props.onOnlySelected(event.target.checked)}
        />{" "}
        only selected
      </label>
      <span className="muted" data-testid="table-count">
        {props.shown} of {props.total} rows
      </span>
    </div>
  );
}
