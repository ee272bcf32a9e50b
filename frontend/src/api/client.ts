import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type RunRead = Schemas["RunRead"];
export type RunCreate = Schemas["RunCreate"];
export type RunPreview = Schemas["RunPreview"];
export type ProjectRead = Schemas["ProjectRead"];
export type ExperimentColumns = Schemas["ExperimentColumns"];
export type ParamInfo = Schemas["ParamInfo"];
export type LockRead = Schemas["LockRead"];
export type LockWrite = Schemas["LockWrite"];
export type SelectionRead = Schemas["SelectionRead"];
export type UserRead = Schemas["UserRead"];

/** The one typed client of the JSON API; the browser's session cookie authenticates it. */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });

const CSRF_COOKIE = "hypertuner_csrf";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The CSRF token the login set in a readable cookie; writes send it back in a header. */
export function csrfToken(cookies: string = document.cookie): string | null {
  for (const part of cookies.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join("="));
  }
  return null;
}

api.use({
  onRequest({ request }) {
    const token = UNSAFE.has(request.method) ? csrfToken() : null;
    if (token) request.headers.set("X-CSRF-Token", token);
    return request;
  },
});

/** An error answer of the API: `{"error": {"code", "message", "field"?}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;

  constructor(status: number, code: string, message: string, field: string | null = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of an answer, or an `ApiError` thrown with the server's code, message and field. */
export async function unwrap<T>(pending: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (response.ok) return data as T;

  const body = (error ?? {}) as {
    error?: { code?: string; message?: string; field?: string | null };
  };
  const detail = body.error ?? {};
  throw new ApiError(
    response.status,
    detail.code ?? "http_error",
    detail.message ?? `${response.status} ${response.statusText}`,
    detail.field ?? null,
  );
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
