/** The id a route names (`/projects/12`), or null when the text is not a positive integer. */
export function parseRouteId(text: string | null | undefined): number | null {
  if (!text || !/^[1-9][0-9]*$/.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}
