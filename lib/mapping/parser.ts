/**
 * Recursive-descent parser for templates: text with `{{ expression }}` parts.
 *
 * Precedence, loosest first: `or ||` < `and &&` < `not !` < comparisons `= != < > <= >=`
 * < `+ -` < `* / %` < unary `-` < primary. `not` sits below comparisons so that
 * `not 1.status = "CPL"` reads as "status is not CPL"; `!`/`not` are also accepted as operands.
 */
import type {
  BinaryOperator,
  Expression,
  ExpressionPart,
  PathSegment,
  ReferenceNode,
  Template,
  TemplatePart,
} from "./ast";
import { isKeyword } from "./ast";
import { MappingSyntaxError } from "./errors";
import { MAX_NESTING, MAX_TREE_DEPTH } from "./limits";
import { describeToken, lexPathKey, lexToken, type Punctuator, type Token } from "./tokenizer";

/** Whether a string holds any `{{`; strings without one are plain text and need no parsing. */
export function hasExpressions(source: string): boolean {
  return source.includes("{{");
}

export function parseTemplate(source: string): Template {
  if (typeof source !== "string") throw new TypeError("parseTemplate expects a string");
  const parts: TemplatePart[] = [];
  let textStart = 0;
  for (;;) {
    const open = source.indexOf("{{", textStart);
    if (open < 0) break;
    if (open > textStart) {
      parts.push({ kind: "text", text: source.slice(textStart, open), start: textStart, end: open });
    }
    const part = new ExpressionParser(source, open + 2).parsePart(open);
    parts.push(part);
    textStart = part.end;
  }
  if (textStart < source.length) {
    parts.push({ kind: "text", text: source.slice(textStart), start: textStart, end: source.length });
  }
  const whole = parts.length === 1 && parts[0].kind === "expression";
  return { source, parts, whole };
}

/** Parses one expression on its own (no braces), e.g. a filter operand typed without `{{ }}`. */
export function parseExpression(source: string): Expression {
  const parser = new ExpressionParser(source, 0);
  const expression = parser.parseExpression();
  const after = parser.peek();
  if (after.kind !== "end") parser.fail("an operator or end of expression", after);
  return expression;
}

const COMPARISONS: ReadonlySet<Punctuator> = new Set<Punctuator>(["=", "!=", "<", ">", "<=", ">="]);

class ExpressionParser {
  private pos: number;
  private nesting = 0;
  /** Tree depth per node, to bound the evaluator's recursion (long `a + b + c …` chains included). */
  private readonly depth = new WeakMap<Expression, number>();

  constructor(
    private readonly source: string,
    start: number,
  ) {
    this.pos = start;
  }

  parsePart(open: number): ExpressionPart {
    const expression = this.parseExpression();
    const close = this.next();
    if (close.kind !== "punctuator" || close.value !== "}}") this.fail('an operator or "}}"', close);
    return { kind: "expression", expression, start: open, end: close.end };
  }

  parseExpression(): Expression {
    return this.parseOr();
  }

  peek(): Token {
    return lexToken(this.source, this.pos);
  }

  private next(): Token {
    const token = lexToken(this.source, this.pos);
    this.pos = token.end;
    return token;
  }

  fail(expected: string, found: Token): never {
    const error = new MappingSyntaxError(expected, found.start);
    if (found.kind === "punctuator" || found.kind === "invalid") {
      const text = found.kind === "invalid" ? found.text : found.value;
      if (text === ",") error.message += ' (arguments are separated by ";")';
    }
    error.found = describeToken(found);
    throw error;
  }

  private isPunctuator(token: Token, ...values: Punctuator[]): boolean {
    return token.kind === "punctuator" && values.includes(token.value);
  }

  private isWord(token: Token, name: "and" | "or" | "not"): boolean {
    return token.kind === "word-operator" && token.name === name;
  }

  private enter(at: number): void {
    this.nesting++;
    if (this.nesting > MAX_NESTING) {
      throw new MappingSyntaxError(
        "a less deeply nested expression",
        at,
        `Expression nested more than ${MAX_NESTING} levels deep at position ${at}`,
      );
    }
  }

  private leave(): void {
    this.nesting--;
  }

  private track<T extends Expression>(node: T, ...children: Expression[]): T {
    let deepest = 0;
    for (const child of children) deepest = Math.max(deepest, this.depth.get(child) ?? 1);
    const depth = deepest + 1;
    if (depth > MAX_TREE_DEPTH) {
      throw new MappingSyntaxError(
        "a shorter expression",
        node.start,
        `Expression too long or deep (over ${MAX_TREE_DEPTH} levels) at position ${node.start}`,
      );
    }
    this.depth.set(node, depth);
    return node;
  }

  private binary(operator: BinaryOperator, left: Expression, right: Expression): Expression {
    return this.track({ type: "binary", operator, left, right, start: left.start, end: right.end }, left, right);
  }

  private parseOr(): Expression {
    let left = this.parseAnd();
    for (let token = this.peek(); this.isWord(token, "or") || this.isPunctuator(token, "||"); token = this.peek()) {
      this.pos = token.end;
      left = this.binary("or", left, this.parseAnd());
    }
    return left;
  }

  private parseAnd(): Expression {
    let left = this.parseNot();
    for (let token = this.peek(); this.isWord(token, "and") || this.isPunctuator(token, "&&"); token = this.peek()) {
      this.pos = token.end;
      left = this.binary("and", left, this.parseNot());
    }
    return left;
  }

  private parseNot(): Expression {
    const token = this.peek();
    if (this.isWord(token, "not") || this.isPunctuator(token, "!")) {
      this.pos = token.end;
      this.enter(token.start);
      const operand = this.parseNot();
      this.leave();
      return this.track({ type: "unary", operator: "not", operand, start: token.start, end: operand.end }, operand);
    }
    return this.parseComparison();
  }

  private parseComparison(): Expression {
    let left = this.parseAdditive();
    for (let token = this.peek(); token.kind === "punctuator" && COMPARISONS.has(token.value); token = this.peek()) {
      this.pos = token.end;
      left = this.binary(token.value as BinaryOperator, left, this.parseAdditive());
    }
    return left;
  }

  private parseAdditive(): Expression {
    let left = this.parseMultiplicative();
    for (let token = this.peek(); this.isPunctuator(token, "+", "-"); token = this.peek()) {
      this.pos = token.end;
      left = this.binary((token as { value: "+" | "-" }).value, left, this.parseMultiplicative());
    }
    return left;
  }

  private parseMultiplicative(): Expression {
    let left = this.parseUnary();
    for (let token = this.peek(); this.isPunctuator(token, "*", "/", "%"); token = this.peek()) {
      this.pos = token.end;
      left = this.binary((token as { value: "*" | "/" | "%" }).value, left, this.parseUnary());
    }
    return left;
  }

  private parseUnary(): Expression {
    const token = this.peek();
    const isMinus = this.isPunctuator(token, "-");
    if (isMinus || this.isWord(token, "not") || this.isPunctuator(token, "!")) {
      this.pos = token.end;
      this.enter(token.start);
      const operand = this.parseUnary();
      this.leave();
      return this.track(
        { type: "unary", operator: isMinus ? "-" : "not", operand, start: token.start, end: operand.end },
        operand,
      );
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expression {
    const token = this.next();
    switch (token.kind) {
      case "number":
        if (token.integer && this.source[token.end] === ".") return this.parseReference(token);
        return this.track({ type: "literal", value: token.value, start: token.start, end: token.end });
      case "string":
        return this.track({ type: "literal", value: token.value, start: token.start, end: token.end });
      case "identifier":
        return this.parseIdentifier(token);
      case "punctuator":
        if (token.value === "(") {
          this.enter(token.start);
          const inner = this.parseExpression();
          const close = this.next();
          if (!this.isPunctuator(close, ")")) this.fail('an operator or ")"', close);
          this.leave();
          return inner;
        }
        return this.fail("an expression", token);
      default:
        return this.fail("an expression", token);
    }
  }

  private parseIdentifier(token: Extract<Token, { kind: "identifier" }>): Expression {
    const { name, start, end } = token;
    const after = this.peek();
    if (this.isPunctuator(after, "(")) {
      this.pos = after.end;
      return this.parseCallArguments(name, start, end);
    }
    if (name === "true" || name === "false") return this.track({ type: "literal", value: name === "true", start, end });
    if (name === "null") return this.track({ type: "literal", value: null, start, end });
    if (isKeyword(name)) return this.track({ type: "keyword", name, start, end });
    return this.track({ type: "variable", name, start, end });
  }

  private parseCallArguments(name: string, start: number, nameEnd: number): Expression {
    this.enter(start);
    const args: Expression[] = [];
    let close = this.peek();
    if (this.isPunctuator(close, ")")) {
      this.pos = close.end;
    } else {
      for (;;) {
        args.push(this.parseExpression());
        close = this.next();
        if (this.isPunctuator(close, ")")) break;
        if (!this.isPunctuator(close, ";")) this.fail('";" or ")"', close);
      }
    }
    this.leave();
    return this.track({ type: "call", name, nameEnd, args, start, end: close.end }, ...args);
  }

  /** `1.items[2].id`: path segments must touch each other; no spaces inside a reference. */
  private parseReference(moduleToken: Extract<Token, { kind: "number" }>): ReferenceNode {
    if (!Number.isSafeInteger(moduleToken.value)) throw new MappingSyntaxError("a module id", moduleToken.start);
    const segments: PathSegment[] = [];
    const children: Expression[] = [];
    for (;;) {
      const c = this.source[this.pos];
      if (c === ".") {
        const key = lexPathKey(this.source, this.pos + 1);
        if (!key) {
          throw new MappingSyntaxError("a field name", this.pos + 1);
        }
        segments.push({ kind: "key", name: key.name, quoted: key.quoted, start: this.pos, end: key.end });
        this.pos = key.end;
      } else if (c === "[") {
        const open = this.pos;
        this.pos++;
        this.enter(open);
        const index = this.parseExpression();
        const close = this.next();
        if (!this.isPunctuator(close, "]")) this.fail('an operator or "]"', close);
        this.leave();
        segments.push({ kind: "index", index, start: open, end: close.end });
        children.push(index);
      } else {
        break;
      }
    }
    return this.track(
      {
        type: "reference",
        moduleId: moduleToken.value,
        moduleIdEnd: moduleToken.end,
        segments,
        start: moduleToken.start,
        end: this.pos,
      },
      ...children,
    );
  }
}
