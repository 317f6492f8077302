import type { BundleScope } from "@/lib/modules/context";

/**
 * The outputs visible to one bundle: one entry per upstream module on its path. Immutable and shared
 * between sibling bundles (each extension is one link), so 10,000 iterator bundles cost 10,000 links.
 */
export class Scope implements BundleScope {
  static readonly empty = new Scope(null, 0, undefined);

  private constructor(
    private readonly parent: Scope | null,
    private readonly moduleId: number,
    private readonly output: unknown,
  ) {}

  with(moduleId: number, output: unknown): Scope {
    return new Scope(this, moduleId, output);
  }

  get(moduleId: number): unknown {
    return this.find(moduleId)?.output;
  }

  has(moduleId: number): boolean {
    return this.find(moduleId) !== null;
  }

  private find(moduleId: number): Scope | null {
    if (this.parent === null) return null;
    return this.moduleId === moduleId ? this : this.parent.find(moduleId);
  }

  /** Only the given modules, e.g. what an aggregator's output may still see. */
  restrictedTo(moduleIds: readonly number[]): Scope {
    return moduleIds.reduce<Scope>((s, id) => (this.has(id) ? s.with(id, this.get(id)) : s), Scope.empty);
  }

  toRecord(): Record<string, unknown> {
    if (this.parent === null) return {};
    return { ...this.parent.toRecord(), [String(this.moduleId)]: this.output };
  }

  static fromRecord(record: Record<string, unknown>): Scope {
    return Object.entries(record).reduce<Scope>((s, [id, output]) => s.with(Number(id), output), Scope.empty);
  }
}
