import { AppError } from "../errors";
import type { RunContextBase } from "../modules/context";
import type { OptionsLoader } from "../modules/define";
import { ModuleError } from "../modules/errors";
import type { SelectOption } from "../modules/field-spec";
import { DATA_STORE_OPTIONS, DATA_STRUCTURE_OPTIONS, EMPTY_DIRECTORY } from "./directory";
import type { StructureField } from "./structure";

/**
 * What modules use to refer to data stores and structures. The pickers are static selects whose options
 * come from the instance's directory, so the editor's generic field input offers them by name while the
 * blueprint keeps the id.
 */
export const storePickerField = {
  name: "store",
  label: "Data store",
  help: "Create data stores under Data stores.",
  type: "select",
  dynamicOptions: DATA_STORE_OPTIONS,
  static: true,
  required: true,
} as const;

export const structurePickerField = (help: string, label = "Data structure") =>
  ({ name: "structure", label, help, type: "select", dynamicOptions: DATA_STRUCTURE_OPTIONS, static: true }) as const;

const byName = (items: readonly { id: string; name: string }[]): SelectOption[] => items.map((i) => ({ value: i.id, label: i.name }));

export const storeOptions: Record<string, OptionsLoader> = {
  [DATA_STORE_OPTIONS]: async ({ directory }) => byName((directory ?? EMPTY_DIRECTORY).stores),
};

export const structureOptions: Record<string, OptionsLoader> = {
  [DATA_STRUCTURE_OPTIONS]: async ({ directory }) => byName((directory ?? EMPTY_DIRECTORY).structures),
};

/** A structure's fields at run time; a structure deleted since the scenario was saved is a configuration error. */
export async function structureForRun(ctx: RunContextBase<unknown>, id: string): Promise<StructureField[]> {
  if (!ctx.dataStores) throw new ModuleError("InvalidConfigurationError", "Data structures are not available in this run.");
  try {
    return (await ctx.dataStores.getStructure(id)).fields;
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") throw new ModuleError("InvalidConfigurationError", `The data structure ${id} no longer exists; pick another one.`);
    throw e;
  }
}
