import { formatPath } from "@/lib/modules/validators";
import { InvalidResumeStateError } from "./errors";
import { Run } from "./runner";
import { resumableStateSchema, type ExecutionResult, type ResumeInput, type RunInput } from "./types";

/**
 * Runs a scenario once: from the trigger's bundles (or by running the first module), depth-first,
 * until every bundle is done or the run stops. Never throws for anything a scenario can do wrong;
 * the result says what happened.
 */
export function runScenario(input: RunInput): Promise<ExecutionResult> {
  const run = new Run(input);
  return run.execute((plan) => run.startFromRoot(plan, input.trigger));
}

/**
 * Continues an incomplete execution left by a `break` handler: the failed module runs again with the
 * bundle that reached it, then everything downstream. `state` comes from storage and is validated.
 */
export function resumeScenario(state: unknown, input: ResumeInput): Promise<ExecutionResult> {
  const parsed = resumableStateSchema.safeParse(state);
  const run = new Run(input);
  return run.execute(async (plan) => {
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidResumeStateError(`The incomplete execution's state is not usable: ${formatPath(issue.path) || "(root)"}: ${issue.message}`);
    }
    await run.resumeFrom(plan, parsed.data);
  });
}
