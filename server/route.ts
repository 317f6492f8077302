import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { hasRole, type Actor, type Role } from "@/lib/auth/roles";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, toEnvelope } from "@/lib/errors";
import { log } from "@/lib/log";
import { formatIssues } from "@/lib/scenario/validate";
import { actorFromRequest } from "./auth";

const MAX_BODY_BYTES = 5 * 1024 * 1024;

type Params = Record<string, string>;

interface RouteOptions<Q extends z.ZodType | undefined, B extends z.ZodType | undefined> {
  /** Least role allowed; "public" skips authentication. */
  role: Role | "public";
  query?: Q;
  body?: B;
}

interface RouteContext<Q, B> {
  req: NextRequest;
  actor: Actor;
  params: Params;
  query: Q;
  body: B;
  db: Db;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * Every /api/v1 handler is wrapped once: authentication (session cookie or bearer token), role,
 * zod parsing of query and body, and the one error envelope. Handlers only do their job.
 */
export function withApi<Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  options: RouteOptions<Q, B>,
  handler: (ctx: RouteContext<Infer<Q>, Infer<B>>) => Promise<Response>,
) {
  return async (req: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const actor = options.role === "public" ? null : await actorFromRequest(req);
      if (options.role !== "public") {
        if (!actor) throw new AppError("unauthorized", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
        if (!hasRole(actor.role, options.role)) {
          throw new AppError("forbidden", `This needs the ${options.role} role; you are a ${actor.role}.`);
        }
        if (actor.via === "session" && req.method !== "GET" && !sameOrigin(req)) {
          throw new AppError("forbidden", "Cross-site requests are not accepted.");
        }
      }
      const query = options.query ? parseWith(options.query, Object.fromEntries(req.nextUrl.searchParams), "query") : undefined;
      const body = options.body ? parseWith(options.body, await readJson(req), "body") : undefined;
      return await handler({
        req,
        actor: actor as Actor,
        params: (await context.params) ?? {},
        query: query as Infer<Q>,
        body: body as Infer<B>,
        db: await getDb(),
      });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return NextResponse.json(toEnvelope(error), { status: error.status });
  log.error({ err: error }, "unhandled error in API route");
  return NextResponse.json(toEnvelope(new AppError("internal", "Something went wrong on the server.")), { status: 500 });
}

export function json(data: unknown, status = 200): Response {
  return NextResponse.json(data, { status });
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: "query" | "body"): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = formatIssues(result.error);
    const first = issues[0];
    throw new AppError("bad_request", `Invalid ${where}: ${first?.path ? `${first.path}: ` : ""}${first?.message}`, { issues });
  }
  return result.data;
}

async function readJson(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new AppError("payload_too_large", `Request bodies are limited to ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
  }
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

function sameOrigin(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === (req.headers.get("x-forwarded-host") ?? req.headers.get("host"));
  } catch {
    return false;
  }
}

export function parseIntParam(value: string | undefined, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new AppError("bad_request", `${what} must be a positive whole number.`);
  return n;
}
