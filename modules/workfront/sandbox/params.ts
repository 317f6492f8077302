import { WfError } from "./errors";

/**
 * Request parameters as Workfront reads them: the query string, then a form body, with repeated keys
 * kept (`id=a&id=b`, `uri=…&uri=…`). A bare JSON body is not a parameter list: it is `updates`.
 */
export class Params {
  private readonly list: [string, string][];

  constructor(entries: Iterable<[string, string]> = []) {
    this.list = [...entries];
  }

  static fromSearch(search: string): Params {
    return new Params(new URLSearchParams(search));
  }

  get(name: string): string | undefined {
    return this.list.find(([key]) => key === name)?.[1];
  }

  /** Case-insensitive lookup, for the credential and `method` parameters clients spell differently. */
  getIgnoreCase(name: string): string | undefined {
    const lower = name.toLowerCase();
    return this.list.find(([key]) => key.toLowerCase() === lower)?.[1];
  }

  getAll(name: string): string[] {
    return this.list.filter(([key]) => key === name).map(([, value]) => value);
  }

  has(name: string): boolean {
    return this.list.some(([key]) => key === name);
  }

  /** Distinct names in first-seen order (filter and sort order follow it). */
  names(): string[] {
    return [...new Set(this.list.map(([key]) => key))];
  }

  entries(): [string, string][] {
    return [...this.list];
  }

  with(more: Iterable<[string, string]>): Params {
    return new Params([...this.list, ...more]);
  }

  /** Boolean flags: `true`, `1` (any case) mean yes. */
  flag(name: string): boolean {
    const value = this.get(name);
    return value !== undefined && /^(true|1)$/i.test(value);
  }
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new WfError("invalidParameter", `${what} is not valid JSON`);
  }
}

/** Names that steer a call rather than filter it. */
export const CONTROL_PARAMS = new Set([
  "fields", "method", "sessionID", "apiKey", "updates", "action", "id", "map", "force", "atomic", "concurrent", "uri", "username", "password",
  "copySourceID", "options", "filters", "subdomain", "_",
]);

export function isControlParam(name: string): boolean {
  return CONTROL_PARAMS.has(name) || name.startsWith("$$") || /^(sessionid|apikey|method)$/i.test(name);
}
