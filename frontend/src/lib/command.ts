/** Keeping a command template in step with the hyperparameters, never touching other text. */

const PLACEHOLDER = /(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})/g;

/** `batch_size` → `--batch-size`, the flag style of most training scripts. */
export function flagFor(name: string): string {
  return `--${name.replace(/_/g, "-")}`;
}

export function placeholders(command: string): string[] {
  return [...new Set([...command.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ""))];
}

export function hasPlaceholder(command: string, name: string): boolean {
  return placeholders(command).includes(name);
}

/** Append `--flag {name}` unless the template already uses `{name}`. */
export function addParam(command: string, name: string): string {
  if (!name || hasPlaceholder(command, name)) return command;
  const base = command.trimEnd();
  return `${base}${base ? " " : ""}${flagFor(name)} {${name}}`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Drop `--any-flag {name}` (or `--flag={name}`), or a bare `{name}`; keep everything else. */
export function removeParam(command: string, name: string): string {
  if (!name) return command;
  const placeholder = `\\{${escape(name)}\\}`;
  const withFlag = new RegExp(`\\s*--?[A-Za-z0-9_-]+(?:=|\\s+)${placeholder}(?=\\s|$)`, "g");
  const bare = new RegExp(`\\s*${placeholder}`, "g");
  return command.replace(withFlag, "").replace(bare, "").trim();
}

/** Rename `{old}` to `{new}`, and its flag too when it is the one `addParam` wrote. */
export function renameParam(command: string, oldName: string, newName: string): string {
  if (!oldName) return addParam(command, newName);
  if (!newName) return removeParam(command, oldName);

  const oldPlaceholder = `{${oldName}}`;
  const generated = new RegExp(
    `${escape(flagFor(oldName))}(=|\\s+)${escape(oldPlaceholder)}(?=\\s|$)`,
    "g",
  );
  const renamed = command.replace(
    generated,
    (_, gap: string) => `${flagFor(newName)}${gap}{${newName}}`,
  );
  return renamed.split(oldPlaceholder).join(`{${newName}}`);
}

/** Bring the template in line with a new list of names, given the previous list. */
export function syncCommand(command: string, before: string[], after: string[]): string {
  let next = command;
  const kept = new Set(after);
  for (const name of before) if (!kept.has(name)) next = removeParam(next, name);
  for (const name of after) next = addParam(next, name);
  return next;
}
