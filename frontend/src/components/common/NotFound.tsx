import { Link } from "react-router";

interface Props {
  /** What is missing, in a few words: "No such project". */
  title: string;
  detail?: string;
}

/** A page's answer when what its address names does not exist, with the way back. */
export function NotFound({ title, detail }: Props) {
  return (
    <section className="not-found" role="alert" data-testid="not-found">
      <h2>{title}</h2>
      {detail && <p className="muted">{detail}</p>}
      <p>
        <Link to="/">← back to the projects</Link>
      </p>
    </section>
  );
}
