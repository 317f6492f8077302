import type { SoapValue } from "@/lib/soap";
import { faults } from "./faults";

type Record_ = { [key: string]: SoapValue };

/**
 * A call's arguments, already typed by the WSDL decoder, read with the checks the handlers need. Empty
 * text counts as absent: PHP SoapServer passes an empty element as "" and the docs send empty elements
 * for options left unset.
 */
export class Args {
  constructor(private readonly values: Record_) {}

  has(name: string): boolean {
    const value = this.values[name];
    return value !== undefined && value !== null && value !== "";
  }

  text(name: string): string | undefined {
    if (!this.has(name)) return undefined;
    const value = this.values[name];
    if (typeof value === "object") throw faults.invalidParameter(name, "expected text");
    return String(value);
  }

  requiredText(name: string): string {
    const value = this.text(name);
    if (value === undefined) throw faults.missingParameter(name);
    return value;
  }

  int(name: string): number | undefined {
    if (!this.has(name)) return undefined;
    const value = this.values[name];
    const number = typeof value === "number" ? value : typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(number)) throw faults.invalidParameter(name, "expected an integer");
    return number;
  }

  requiredInt(name: string): number {
    const value = this.int(name);
    if (value === undefined) throw faults.missingParameter(name);
    return value;
  }

  /** Booleans and the "true"/"false" strings some methods take (PrimaryDecisionMaker). */
  bool(name: string): boolean | undefined {
    if (!this.has(name)) return undefined;
    const value = this.values[name];
    if (value === true || value === "true" || value === "1" || value === 1) return true;
    if (value === false || value === "false" || value === "0" || value === 0) return false;
    throw faults.invalidParameter(name, "expected true or false");
  }

  /** A list of structs (an array part), each read with the same helpers. */
  list(name: string): Args[] {
    if (!this.has(name)) return [];
    const value = this.values[name];
    if (!Array.isArray(value)) throw faults.invalidParameter(name, "expected a list of items");
    return value.map((item) => {
      if (item === null || typeof item !== "object" || Array.isArray(item)) throw faults.invalidParameter(name, "expected each item to be a structure");
      return new Args(item);
    });
  }
}
