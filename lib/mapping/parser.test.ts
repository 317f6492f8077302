import { describe, expect, it } from "vitest";
import type { BinaryNode, CallNode, Expression, ReferenceNode, UnaryNode } from "./ast";
import { MappingSyntaxError } from "./errors";
import { MAX_NESTING } from "./limits";
import { hasExpressions, parseExpression, parseTemplate } from "./parser";
import { syntaxError } from "./test-support";

/** The single expression of a whole `{{…}}` template. */
function expr(source: string): Expression {
  const template = parseTemplate(source);
  const part = template.parts.find((p) => p.kind === "expression");
  if (!part || part.kind !== "expression") throw new Error("no expression");
  return part.expression;
}

/** A compact, readable rendering of the tree, to assert structure (and so precedence). */
function shape(node: Expression): string {
  switch (node.type) {
    case "literal":
      return JSON.stringify(node.value);
    case "keyword":
    case "variable":
      return node.name;
    case "reference":
      return (
        String(node.moduleId) +
        node.segments.map((s) => (s.kind === "key" ? `.${s.name}` : `[${shape(s.index)}]`)).join("")
      );
    case "call":
      return `${node.name}(${node.args.map(shape).join("; ")})`;
    case "unary":
      return `(${node.operator} ${shape(node.operand)})`;
    case "binary":
      return `(${shape(node.left)} ${node.operator} ${shape(node.right)})`;
  }
}

describe("templates", () => {
  it("splits text and expressions and keeps their offsets", () => {
    const template = parseTemplate("Hello {{1.name}}!");
    expect(template.whole).toBe(false);
    expect(template.parts.map((p) => [p.kind, p.start, p.end])).toEqual([
      ["text", 0, 6],
      ["expression", 6, 16],
      ["text", 16, 17],
    ]);
    const ref = expr("Hello {{1.name}}!") as ReferenceNode;
    expect(ref).toMatchObject({ type: "reference", moduleId: 1, start: 8, end: 14, moduleIdEnd: 9 });
    expect(ref.segments).toEqual([{ kind: "key", name: "name", quoted: false, start: 9, end: 14 }]);
  });

  it("marks a template that is exactly one expression as whole, spaces inside the braces allowed", () => {
    expect(parseTemplate("{{1.a}}").whole).toBe(true);
    expect(parseTemplate("{{  1.a  }}").whole).toBe(true);
    expect(parseTemplate(" {{1.a}}").whole).toBe(false);
    expect(parseTemplate("{{1.a}}{{1.b}}").whole).toBe(false);
  });

  it("treats strings without {{ as text, including stray }}", () => {
    expect(parseTemplate("plain }} text").parts).toEqual([{ kind: "text", text: "plain }} text", start: 0, end: 13 }]);
    expect(parseTemplate("").parts).toEqual([]);
    expect(hasExpressions("a {{1.b}}")).toBe(true);
    expect(hasExpressions("a {1.b}")).toBe(false);
  });

  it("ends an expression at the first }} outside a string", () => {
    const template = parseTemplate('{{replace(1.a; "}}"; "x")}}}');
    expect(template.parts.map((p) => p.kind)).toEqual(["expression", "text"]);
    expect(template.parts[1]).toMatchObject({ text: "}" });
  });
});

describe("expressions", () => {
  it("reads references with 1-based indexes, DE: keys and backtick keys", () => {
    expect(shape(expr("{{1.items[2].id}}"))).toBe("1.items[2].id");
    expect(shape(expr("{{12.a.b.c}}"))).toBe("12.a.b.c");
    expect(shape(expr("{{1.newState.DE:Color}}"))).toBe("1.newState.DE:Color");
    expect(shape(expr("{{1.`First Name`}}"))).toBe("1.First Name");
    expect(shape(expr("{{1.newState.`DE:My Field`}}"))).toBe("1.newState.DE:My Field");
    expect(shape(expr("{{1.`a\\`b`}}"))).toBe("1.a`b");
    expect(shape(expr("{{1.items[2.position].id}}"))).toBe("1.items[2.position].id");
    expect(shape(expr("{{1.data.#text}}"))).toBe("1.data.#text");
    const quoted = (expr("{{1.`First Name`}}") as ReferenceNode).segments[0];
    expect(quoted).toMatchObject({ quoted: true, start: 3, end: 16 });
  });

  it("reads numbers, strings with escapes and the literals true, false, null", () => {
    expect(shape(expr("{{1.5}}"))).toBe("1.5");
    expect(shape(expr("{{2e3}}"))).toBe("2000");
    expect(shape(expr('{{"say \\"hi\\"\\n"}}'))).toBe(JSON.stringify('say "hi"\n'));
    // Unknown escapes stay as written so regular expressions read naturally.
    expect((expr('{{"\\d+"}}') as { value: unknown }).value).toBe("\\d+");
    expect(shape(expr("{{true}}"))).toBe("true");
    expect(shape(expr("{{null}}"))).toBe("null");
    expect(expr("{{now}}")).toMatchObject({ type: "keyword", name: "now" });
    expect(expr("{{myVar}}")).toMatchObject({ type: "variable", name: "myVar" });
  });

  it("reads calls with ; between arguments, nested calls and no arguments", () => {
    expect(shape(expr('{{formatDate(1.entryDate; "YYYY-MM-DD")}}'))).toBe('formatDate(1.entryDate; "YYYY-MM-DD")');
    expect(shape(expr("{{lower(trim(1.a))}}"))).toBe("lower(trim(1.a))");
    expect(shape(expr("{{uuid()}}"))).toBe("uuid()");
    const call = expr("{{ lower( 1.a ) }}") as CallNode;
    expect(call).toMatchObject({ start: 3, nameEnd: 8, end: 15 });
  });

  it("applies conventional precedence and left associativity", () => {
    expect(shape(expr("{{1 + 2 * 3}}"))).toBe("(1 + (2 * 3))");
    expect(shape(expr("{{(1 + 2) * 3}}"))).toBe("((1 + 2) * 3)");
    expect(shape(expr("{{10 - 4 - 3}}"))).toBe("((10 - 4) - 3)");
    expect(shape(expr("{{8 / 4 % 3}}"))).toBe("((8 / 4) % 3)");
    expect(shape(expr("{{-2 * 3}}"))).toBe("((- 2) * 3)");
    expect(shape(expr("{{1 + 2 = 3}}"))).toBe("((1 + 2) = 3)");
    expect(shape(expr("{{a or b and c}}"))).toBe("(a or (b and c))");
    expect(shape(expr("{{a || b && c}}"))).toBe("(a or (b and c))");
    expect(shape(expr('{{not 1.status = "CPL"}}'))).toBe('(not (1.status = "CPL"))');
    expect(shape(expr("{{!a and b}}"))).toBe("((not a) and b)");
    expect(shape(expr("{{1 < 2 and 3 >= 4}}"))).toBe("((1 < 2) and (3 >= 4))");
    expect(shape(expr("{{1 != 2}}"))).toBe("(1 != 2)");
  });

  it("keeps start and end offsets on operator nodes", () => {
    const node = expr("{{ 1.a + 2 }}") as BinaryNode;
    expect([node.start, node.end]).toEqual([3, 10]);
    const not = expr("{{not x}}") as UnaryNode;
    expect([not.start, not.end]).toEqual([2, 7]);
  });

  it("parses a bare expression with parseExpression", () => {
    expect(shape(parseExpression("lower(1.a) + 1"))).toBe("(lower(1.a) + 1)");
    expect(() => parseExpression("1.a )")).toThrow(MappingSyntaxError);
  });
});

describe("syntax errors", () => {
  it("report the position in the whole template and what was expected", () => {
    const error = syntaxError(() => parseTemplate('{{formatDate(1.date, "YYYY")}}'));
    expect(error.position).toBe(19);
    expect(error.expected).toBe('";" or ")"');
    expect(error.message).toMatch(/^Expected ";" or "\)" at position 19/);
    expect(error.message).toContain('separated by ";"');
    expect(error.found).toBe('","');
  });

  it.each([
    ["Total {{1.a + }}", 14, "an expression"],
    ["{{}}", 2, "an expression"],
    ["{{", 2, "an expression"],
    ["{{1.a", 5, 'an operator or "}}"'],
    ["{{1.a 2}}", 6, 'an operator or "}}"'],
    ["{{1 .a}}", 4, 'an operator or "}}"'],
    ["{{1 # 2}}", 4, 'an operator or "}}"'],
    ["{{(1 + 2}}", 8, 'an operator or ")"'],
    ["{{1.items[2}}", 11, 'an operator or "]"'],
    ["{{1.}}", 4, "a field name"],
    ["{{1. a}}", 4, "a field name"],
    ['{{"abc}}', 8, 'closing """'],
    ["{{1.`abc}}", 10, 'closing "`"'],
    ["ok {{1.a}} then {{lower(1.b;}}", 28, "an expression"],
  ])("%s → position %i, expected %s", (source, position, expected) => {
    const error = syntaxError(() => parseTemplate(source));
    expect(error.position).toBe(position);
    expect(error.expected).toBe(expected);
    expect(error.message).toBe(`Expected ${expected} at position ${position}`);
  });

  it("limits nesting so deep input cannot exhaust the stack", () => {
    const nested = (depth: number) => "{{" + "(".repeat(depth) + "1" + ")".repeat(depth) + "}}";
    expect(() => parseTemplate(nested(MAX_NESTING - 1))).not.toThrow();
    expect(syntaxError(() => parseTemplate(nested(MAX_NESTING + 1))).message).toMatch(/nested more than 64/);
    const calls = "{{" + "lower(".repeat(100) + "1" + ")".repeat(100) + "}}";
    expect(() => parseTemplate(calls)).toThrow(MappingSyntaxError);
    expect(() => parseTemplate("{{" + "-".repeat(100_000) + "1}}")).toThrow(MappingSyntaxError);
    expect(() => parseTemplate("{{" + "not ".repeat(1000) + "1}}")).toThrow(MappingSyntaxError);
  });

  it("limits long operator chains, which would otherwise nest the evaluator as deeply", () => {
    const chain = (terms: number) => "{{" + Array.from({ length: terms }, () => "1").join(" + ") + "}}";
    expect(() => parseTemplate(chain(200))).not.toThrow();
    expect(syntaxError(() => parseTemplate(chain(100_000))).message).toMatch(/too long or deep/);
  });
});
