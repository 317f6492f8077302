import { describe, expect, it } from "vitest";
import { calc, evalError } from "../test-support";

describe("case and whitespace", () => {
  it("lower, upper, capitalize, trim", () => {
    expect(calc('lower("ÀBC Déf")')).toBe("àbc déf");
    expect(calc('upper("straße")')).toBe("STRASSE");
    expect(calc('capitalize("hello world")')).toBe("Hello world");
    expect(calc('capitalize("")')).toBe("");
    expect(calc('trim("  \t a b \n")')).toBe("a b");
    expect(calc("lower(1.missing)")).toBe("");
  });
});

describe("replace", () => {
  it("replaces every occurrence of plain text, with no special meaning for $", () => {
    expect(calc('replace("a-b-c"; "-"; "+")')).toBe("a+b+c");
    expect(calc('replace("cost: X"; "X"; "$1 $&")')).toBe("cost: $1 $&");
    expect(calc('replace("abc"; ""; "x")')).toBe("abc");
  });

  it('treats "/pattern/flags" as a regular expression with $1, $<name> and $& in the replacement', () => {
    expect(calc('replace("aaa bbb aa"; "/(a+)/g"; "<$1>")')).toBe("<aaa> bbb <aa>");
    expect(calc('replace("aaa bbb aa"; "/a+/"; "x")')).toBe("x bbb aa");
    expect(calc('replace("John Smith"; "/(?<first>\\w+) (?<last>\\w+)/"; "$<last>, $<first>")')).toBe("Smith, John");
    expect(calc('replace("ABC"; "/b/gi"; "[$&]")')).toBe("A[B]C");
    expect(calc('replace("a.b"; "/\\./g"; "$$")')).toBe("a$b");
  });

  it("refuses regular expressions that could backtrack catastrophically, and invalid ones", () => {
    const slow = evalError(() => calc('replace("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"; "/(a+)+$/"; "x")'));
    expect(slow.fn).toBe("replace");
    expect(slow.message).toMatch(/repeats a group/);
    expect(evalError(() => calc('replace("a"; "/(/"; "x")')).message).toMatch(/Invalid regular expression/);
    expect(evalError(() => calc('replace("a"; "/a/x"; "x")')).message).toMatch(/flags/);
  });

  it("caps what a regex replacement may grow to", () => {
    const error = evalError(() => calc('replace(padStart(""; 1000000; "a"); "/a/g"; padStart(""; 100; "b"))'));
    expect(error.message).toMatch(/larger than/);
  });
});

describe("substring, indexOf, length, split", () => {
  it("substring counts from 0 and stops before end", () => {
    expect(calc('substring("Hello World"; 0; 5)')).toBe("Hello");
    expect(calc('substring("Hello World"; 6)')).toBe("World");
  });

  it("indexOf is 0-based and -1 when absent", () => {
    expect(calc('indexOf("banana"; "an")')).toBe(1);
    expect(calc('indexOf("banana"; "an"; 2)')).toBe(3);
    expect(calc('indexOf("banana"; "x")')).toBe(-1);
  });

  it("length counts characters of text and items of arrays", () => {
    expect(calc('length("abc")')).toBe(3);
    expect(calc('length(split("a,b,c,d"; ","))')).toBe(4);
    expect(calc("length(1.missing)")).toBe(0);
    expect(calc("length(42)")).toBe(2);
  });

  it("split gives the parts between separators", () => {
    expect(calc('split("a, b,c"; ",")')).toEqual(["a", " b", "c"]);
    expect(calc('split("abc"; "")')).toEqual(["a", "b", "c"]);
    expect(calc('split(""; ",")')).toEqual([]);
  });
});

describe("contains, startsWith, endsWith", () => {
  it("contains looks in text or for an equal array item", () => {
    expect(calc('contains("Hello"; "ell")')).toBe(true);
    expect(calc('contains("Hello"; "xyz")')).toBe(false);
    expect(calc('contains(split("1,2,3"; ","); 2)')).toBe(true);
    expect(calc('contains(split("1,2,3"; ","); "4")')).toBe(false);
    expect(calc('contains(1.missing; "a")')).toBe(false);
  });

  it("startsWith and endsWith are case-sensitive", () => {
    expect(calc('startsWith("Workfront"; "Work")')).toBe(true);
    expect(calc('startsWith("Workfront"; "work")')).toBe(false);
    expect(calc('endsWith("file.pdf"; ".pdf")')).toBe(true);
    expect(calc('endsWith("file.pdf"; ".doc")')).toBe(false);
  });
});

describe("toString, padStart, padEnd", () => {
  it("toString renders any value as text", () => {
    expect(calc("toString(12.5)")).toBe("12.5");
    expect(calc("toString(true)")).toBe("true");
    expect(calc("toString(null)")).toBe("");
    expect(calc('toString(split("a,b"; ","))')).toBe('["a","b"]');
    expect(calc('toString(parseDate("2020-01-02"; "YYYY-MM-DD"))')).toBe("2020-01-02T00:00:00.000Z");
  });

  it("padStart and padEnd fill to a length", () => {
    expect(calc('padStart("7"; 3; "0")')).toBe("007");
    expect(calc('padStart("7"; 3)')).toBe("  7");
    expect(calc('padStart("1234"; 3; "0")')).toBe("1234");
    expect(calc('padEnd("ab"; 5; "-")')).toBe("ab---");
  });
});
