/**
 * The typed syntax tree. Every node keeps `start`/`end` offsets into the whole template string so the
 * checker can point at it and the rewriter can splice text without re-printing anything else.
 */

interface Span {
  start: number;
  end: number;
}

export interface LiteralNode extends Span {
  type: "literal";
  value: string | number | boolean | null;
}

/** Built-in variables such as `now`, `pi`, `emptyarray`, `executionId`. */
export interface KeywordNode extends Span {
  type: "keyword";
  name: KeywordName;
}

/** A bare identifier that is not a keyword: a scenario variable (flow:setVariable). */
export interface VariableNode extends Span {
  type: "variable";
  name: string;
}

/** `.name` or `` .`Odd Name` `` after a module reference. */
export interface KeySegment extends Span {
  kind: "key";
  name: string;
  /** Written in backticks. */
  quoted: boolean;
}

/** `[expr]` after a module reference. Numbers are 1-based positions; strings are keys. */
export interface IndexSegment extends Span {
  kind: "index";
  index: Expression;
}

export type PathSegment = KeySegment | IndexSegment;

/** `1.items[2].id`: the output of module 1, then a path into it. */
export interface ReferenceNode extends Span {
  type: "reference";
  moduleId: number;
  /** Span of the module id digits. */
  moduleIdEnd: number;
  segments: PathSegment[];
}

export interface CallNode extends Span {
  type: "call";
  name: string;
  nameEnd: number;
  args: Expression[];
}

export type UnaryOperator = "-" | "not";

export interface UnaryNode extends Span {
  type: "unary";
  operator: UnaryOperator;
  operand: Expression;
}

export type BinaryOperator =
  | "+"
  | "-"
  | "*"
  | "/"
  | "%"
  | "="
  | "!="
  | "<"
  | ">"
  | "<="
  | ">="
  | "and"
  | "or";

export interface BinaryNode extends Span {
  type: "binary";
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
}

export type Expression =
  | LiteralNode
  | KeywordNode
  | VariableNode
  | ReferenceNode
  | CallNode
  | UnaryNode
  | BinaryNode;

export interface TextPart extends Span {
  kind: "text";
  text: string;
}

/** `{{ … }}`; `start`/`end` include the braces, `expression` spans only what is inside. */
export interface ExpressionPart extends Span {
  kind: "expression";
  expression: Expression;
}

export type TemplatePart = TextPart | ExpressionPart;

export interface Template {
  source: string;
  parts: TemplatePart[];
  /** The source is exactly one `{{expr}}`: its value keeps its type instead of becoming text. */
  whole: boolean;
}

export const KEYWORDS = [
  "now",
  "today",
  "timestamp",
  "random",
  "pi",
  "emptyarray",
  "emptystring",
  "executionId",
  "executionID",
  "scenarioId",
  "scenarioID",
  "scenarioName",
] as const;

export type KeywordName = (typeof KEYWORDS)[number];

export function isKeyword(name: string): name is KeywordName {
  return (KEYWORDS as readonly string[]).includes(name);
}

/** Calls visit(node) for every expression node, parents before children, in source order. */
export function walkExpression(node: Expression, visit: (node: Expression) => void): void {
  visit(node);
  switch (node.type) {
    case "reference":
      for (const segment of node.segments) {
        if (segment.kind === "index") walkExpression(segment.index, visit);
      }
      return;
    case "call":
      for (const arg of node.args) walkExpression(arg, visit);
      return;
    case "unary":
      walkExpression(node.operand, visit);
      return;
    case "binary":
      walkExpression(node.left, visit);
      walkExpression(node.right, visit);
      return;
    default:
      return;
  }
}
