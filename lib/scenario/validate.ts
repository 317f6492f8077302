import { z } from "zod";
import { AppError } from "../errors";
import { blueprintSchema, type Blueprint } from "./blueprint";
import { checkGraph, type ModuleKindLookup } from "./graph";

export interface BlueprintWarning {
  moduleId?: number;
  code: string;
  message: string;
  fieldPath?: string;
  /** Offset of the problem inside the field's text, for expression errors. */
  position?: number;
}

export interface ValidatedBlueprint {
  blueprint: Blueprint;
  warnings: BlueprintWarning[];
}

export interface BlueprintCheckers {
  kindOf?: ModuleKindLookup;
  /** Further checks (module registry, mapping static checker); errors refuse the save with 422. */
  extra?: (blueprint: Blueprint) => { errors: BlueprintWarning[]; warnings: BlueprintWarning[] };
}

/** Zod issues as `{ path, message }`, the shape every 400 of ours carries in `details.issues`. */
export function formatIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, ""),
    message: issue.message,
  }));
}

/** Everything a save must pass: document shape (400), graph rules (400), static checks (422). */
export function validateBlueprint(raw: unknown, checkers: BlueprintCheckers = {}): ValidatedBlueprint {
  const parsed = blueprintSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = formatIssues(parsed.error);
    throw new AppError("bad_request", `The blueprint is not valid: ${issues[0]?.path || "(root)"}: ${issues[0]?.message}`, {
      issues,
    });
  }
  const blueprint = parsed.data;
  const violations = checkGraph(blueprint, checkers.kindOf);
  if (violations.length > 0) {
    throw new AppError("bad_request", violations.map((v) => v.message).join(" "), { violations });
  }
  const extra = checkers.extra?.(blueprint) ?? { errors: [], warnings: [] };
  if (extra.errors.length > 0) {
    const first = extra.errors[0];
    throw new AppError(
      "validation_failed",
      `Module ${first.moduleId ?? "?"}${first.fieldPath ? `, field ${first.fieldPath}` : ""}${first.position === undefined ? "" : ` (position ${first.position})`}: ${first.message}`,
      { errors: extra.errors, warnings: extra.warnings },
    );
  }
  return { blueprint, warnings: extra.warnings };
}
