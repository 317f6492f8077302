import { describe, expect, it } from "vitest";
import { hasNestedRepetition } from "./regex";

describe("hasNestedRepetition", () => {
  it.each(["(a+)+", "(a*)*", "(\\w+\\s?)*$", "(?:ab+){2,}", "((a|b)+)+", "(x+y?){1,100}", "(a)\\1*(b+)+"])(
    "flags %s",
    (pattern) => expect(hasNestedRepetition(pattern)).toBe(true),
  );

  it.each(["a+b+", "(ab)+", "(a|b)*c", "^\\d{4}-\\d{2}$", "[(a+)+]", "\\(a+\\)+", "(a+){2}", "(?<y>\\d+)-(?<m>\\d+)"])(
    "accepts %s",
    (pattern) => expect(hasNestedRepetition(pattern)).toBe(false),
  );
});
