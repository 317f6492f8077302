import { arrayFunctions } from "./array";
import { dateFunctions } from "./date";
import { encodingFunctions } from "./encoding";
import { generalFunctions } from "./general";
import { mathFunctions } from "./math";
import { textFunctions } from "./text";
import type { FunctionImpl } from "./types";

const tables = [generalFunctions, textFunctions, mathFunctions, dateFunctions, arrayFunctions, encodingFunctions];

const implementations = new Map<string, FunctionImpl>();
for (const table of tables) {
  for (const [name, impl] of Object.entries(table)) implementations.set(name, impl);
}

export function functionImpl(name: string): FunctionImpl | undefined {
  return implementations.get(name);
}

export function implementedFunctionNames(): string[] {
  return [...implementations.keys()];
}
