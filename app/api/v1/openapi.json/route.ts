import { buildOpenApiDocument } from "@/lib/api/openapi";
import { json } from "@/server/route";

export function GET(): Response {
  return json(buildOpenApiDocument());
}
