import { sql } from "drizzle-orm";
import { databaseKind, getDb } from "@/lib/db/client";
import { json } from "@/server/route";

export async function GET(): Promise<Response> {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return json({ status: "ok", database: databaseKind() });
  } catch {
    return json({ status: "unavailable", database: "unreachable" }, 503);
  }
}
