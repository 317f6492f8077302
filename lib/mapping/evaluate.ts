/**
 * Tree-walking evaluator. No eval, no Function: every node type is handled here, and every function
 * call goes through the registry. Errors come out as MappingEvalError naming the failing function.
 */
import { arityText } from "./arity";
import type { BinaryNode, Expression, KeywordNode, ReferenceNode, Template } from "./ast";
import { compareOrder, looseEquals } from "./compare";
import { asDate } from "./dates/coerce";
import { assertTimeZone, zonedEpoch, zonedFields } from "./dates/zone";
import { MappingEvalError, MappingSyntaxError } from "./errors";
import { functionInfo } from "./functions/catalog";
import { functionImpl } from "./functions/index";
import type { FunctionEnv } from "./functions/types";
import { MAX_EVALUATION_WORK } from "./limits";
import { stepInto } from "./path";
import { finalizeResult } from "./result";
import {
  asNumber,
  checkArraySize,
  checkNumber,
  checkTextLength,
  checkTextSize,
  getOwn,
  isPlainObject,
  isTruthy,
  toNumber,
  toText,
  WalkBudget,
} from "./values";

export interface EvalContext {
  /** Output bundle of module `moduleId` on the current path, or undefined when it has none. */
  resolveModule(moduleId: number): unknown;
  /** IANA, from scenario settings, e.g. "UTC", "Europe/Paris". */
  timezone: string;
  /** Scenario-run variables (flow:setVariable). */
  variables?: Record<string, unknown>;
  /** Frozen "now" for a run (tests pass a fixed one). */
  now?: Date;
  execution?: { id?: string; scenarioId?: string; scenarioName?: string };
}

/**
 * Errors whose origin is already settled: a function's own failure, or anything raised while
 * evaluating an argument. A lazy function (`if`) must not claim an error from inside its branch.
 */
const settled = new WeakSet<object>();

function settle<T>(error: T): T {
  if (typeof error === "object" && error !== null) settled.add(error);
  return error;
}

function attributeTo(fn: string, error: unknown): unknown {
  if (error instanceof MappingSyntaxError) return error;
  if (typeof error === "object" && error !== null && settled.has(error)) return error;
  if (error instanceof MappingEvalError) {
    if (error.fn !== undefined) return error;
    return settle(new MappingEvalError(error.message, fn));
  }
  const message = error instanceof Error ? error.message : String(error);
  return settle(new MappingEvalError(message, fn));
}

export class Evaluator {
  private readonly env: FunctionEnv;
  private readonly dateOf = (value: unknown) => asDate(value, this.env.timezone);

  constructor(private readonly ctx: EvalContext) {
    this.env = {
      timezone: assertTimeZone(ctx.timezone),
      now: ctx.now ?? new Date(),
      work: new WalkBudget(MAX_EVALUATION_WORK),
    };
  }

  evaluateTemplate(template: Template): unknown {
    if (template.whole) {
      const only = template.parts[0];
      if (only.kind === "expression") return finalizeResult(this.evaluate(only.expression));
    }
    let size = 0;
    const pieces: string[] = [];
    for (const part of template.parts) {
      const text = part.kind === "text" ? part.text : toText(this.evaluate(part.expression));
      size += text.length;
      checkTextLength(size);
      pieces.push(text);
    }
    return pieces.join("");
  }

  evaluate(node: Expression): unknown {
    switch (node.type) {
      case "literal":
        return node.value;
      case "keyword":
        return this.keyword(node);
      case "variable":
        return this.ctx.variables && isPlainObject(this.ctx.variables) ? getOwn(this.ctx.variables, node.name) : undefined;
      case "reference":
        return this.reference(node);
      case "unary":
        if (node.operator === "not") return !isTruthy(this.evaluate(node.operand));
        return checkNumber(-toNumber(this.evaluate(node.operand)));
      case "binary":
        return this.binary(node);
      case "call":
        return this.call(node.name, node.args);
    }
  }

  private keyword(node: KeywordNode): unknown {
    const { now, timezone } = this.env;
    switch (node.name) {
      case "now":
        return now;
      case "today": {
        const f = zonedFields(now.getTime(), timezone);
        return new Date(zonedEpoch({ ...f, hour: 0, minute: 0, second: 0, millisecond: 0 }, timezone));
      }
      case "timestamp":
        return Math.floor(now.getTime() / 1000);
      case "random":
        return Math.random();
      case "pi":
        return Math.PI;
      case "emptyarray":
        return [];
      case "emptystring":
        return "";
      case "executionId":
      case "executionID":
        return this.ctx.execution?.id;
      case "scenarioId":
      case "scenarioID":
        return this.ctx.execution?.scenarioId;
      case "scenarioName":
        return this.ctx.execution?.scenarioName;
    }
  }

  private reference(node: ReferenceNode): unknown {
    let value = this.ctx.resolveModule(node.moduleId);
    for (const segment of node.segments) {
      if (value === undefined || value === null) return undefined;
      if (segment.kind === "key") {
        value = stepInto(value, segment.name);
        continue;
      }
      const index = this.evaluate(segment.index);
      if (typeof index === "string" && asNumber(index) === undefined) value = stepInto(value, index);
      else {
        const position = asNumber(index);
        value = position === undefined ? undefined : stepInto(value, position);
      }
    }
    return value;
  }

  private binary(node: BinaryNode): unknown {
    const { operator } = node;
    if (operator === "and") return isTruthy(this.evaluate(node.left)) && isTruthy(this.evaluate(node.right));
    if (operator === "or") return isTruthy(this.evaluate(node.left)) || isTruthy(this.evaluate(node.right));
    const left = this.evaluate(node.left);
    const right = this.evaluate(node.right);
    switch (operator) {
      case "+":
        if (typeof left === "string" || typeof right === "string") {
          const a = toText(left);
          const b = toText(right);
          checkTextLength(a.length + b.length);
          return a + b;
        }
        return checkNumber(toNumber(left) + toNumber(right));
      case "-":
        return checkNumber(toNumber(left) - toNumber(right));
      case "*":
        return checkNumber(toNumber(left) * toNumber(right));
      case "/":
      case "%": {
        const divisor = toNumber(right);
        if (divisor === 0) throw new MappingEvalError("Division by zero");
        const dividend = toNumber(left);
        return checkNumber(operator === "/" ? dividend / divisor : dividend % divisor);
      }
      case "=":
        return looseEquals(left, right, this.dateOf, this.env.work);
      case "!=":
        return !looseEquals(left, right, this.dateOf, this.env.work);
      default: {
        const order = compareOrder(left, right, this.dateOf);
        if (order === undefined) return false;
        if (operator === "<") return order < 0;
        if (operator === ">") return order > 0;
        if (operator === "<=") return order <= 0;
        return order >= 0;
      }
    }
  }

  private call(name: string, args: Expression[]): unknown {
    const impl = functionImpl(name);
    const info = functionInfo(name);
    if (!impl || !info) throw settle(new MappingEvalError(`Unknown function "${name}"`, name));
    if (args.length < info.minArgs || args.length > info.maxArgs) {
      throw settle(new MappingEvalError(`Expects ${arityText(info.minArgs, info.maxArgs)}, got ${args.length}`, name));
    }
    let result: unknown;
    if (impl.lazy) {
      const thunks = args.map((arg) => () => {
        try {
          return this.evaluate(arg);
        } catch (error) {
          throw settle(error);
        }
      });
      try {
        result = impl.call(thunks, this.env);
      } catch (error) {
        throw attributeTo(name, error);
      }
    } else {
      const values = args.map((arg) => this.evaluate(arg));
      try {
        result = impl.call(values, this.env);
      } catch (error) {
        throw attributeTo(name, error);
      }
    }
    try {
      return checkResult(result);
    } catch (error) {
      throw attributeTo(name, error);
    }
  }
}

function checkResult(value: unknown): unknown {
  if (typeof value === "string") return checkTextSize(value);
  if (typeof value === "number") return checkNumber(value);
  if (Array.isArray(value)) checkArraySize(value.length);
  if (value instanceof Date && Number.isNaN(value.getTime())) throw new MappingEvalError("Invalid date");
  return value;
}
