import { MappingEvalError } from "./errors";
import { MAX_WALK_NODES } from "./limits";

/** A counter shared by one walk; throws once the walk has visited too many nodes. */
export class WalkBudget {
  private visited = 0;
  constructor(private readonly limit = MAX_WALK_NODES) {}
  step(): void {
    if (++this.visited > this.limit) throw new MappingEvalError("Value is too large to process");
  }
}
