import type { IncomingMessage, ServerResponse } from "node:http";
import { header, originOf, send } from "../http";

/** Escapes text for HTML bodies and double-quoted attributes. Everything shown goes through it. */
export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5rem;color:#1d2330;max-width:70rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}th,td{border-bottom:1px solid #dde;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f4f8}code{background:#f3f4f8;padding:0 .2rem}form{margin:.5rem 0 1.5rem}label{display:block;margin:.4rem 0}
input,select,textarea{font:inherit;padding:.2rem}.error{color:#a00;font-weight:bold}.muted{color:#667}`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, status, html, {
    "Content-Type": "text/html; charset=utf-8",
    // Server-rendered forms only: no scripts at all, and no framing.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
  });
}

/** Form posts must come from the sandbox's own pages (a cheap guard against cross-site posts). */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = header(req, "origin");
  if (origin && origin !== "null" && origin !== originOf(req)) return false;
  return header(req, "sec-fetch-site") !== "cross-site";
}
