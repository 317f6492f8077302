import { ASSGN, OPTASK, PORT, PRGM, PROJ, TASK } from "./work";
import { ACSLVL, CMPY, GROUP, USER } from "./people";
import { DOCU, DOCV, JRNLE, NOTE } from "./content";
import { CTGY, CTGYPA, PARAM, POPT } from "./forms";
import type { ObjectDef } from "./schema";

export const OBJECTS: readonly ObjectDef[] = [PROJ, TASK, OPTASK, ASSGN, PORT, PRGM, USER, ACSLVL, GROUP, CMPY, NOTE, DOCU, DOCV, JRNLE, CTGY, CTGYPA, PARAM, POPT];

const byCode = new Map(OBJECTS.map((def) => [def.objCode, def]));
// URL segments may be the ObjCode or the object name, in any case (reference A3).
const byUrlName = new Map<string, ObjectDef>();
for (const def of OBJECTS) for (const name of [def.objCode, def.name, ...def.aliases]) byUrlName.set(name.toLowerCase(), def);

export function resolveObject(segment: string): ObjectDef | undefined {
  return byUrlName.get(segment.toLowerCase());
}

export function objectDef(objCode: string): ObjectDef {
  const def = byCode.get(objCode);
  if (!def) throw new Error(`unknown objCode ${objCode}`);
  return def;
}

export function isObjCode(objCode: string): boolean {
  return byCode.has(objCode);
}

export type { ObjectDef } from "./schema";
