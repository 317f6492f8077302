import { describe, expect, it } from "vitest";
import { calc, evalError } from "../test-support";

const nums = { 1: { list: [4, "6", 2, null], empty: [] } };
const m = (expression: string) => calc(expression, "UTC", nums);

describe("rounding", () => {
  it("round goes half away from zero and copes with binary fractions", () => {
    expect(calc("round(2.5)")).toBe(3);
    expect(calc("round(-2.5)")).toBe(-3);
    expect(calc("round(1.005; 2)")).toBe(1.01);
    expect(calc("round(1234.5678; 2)")).toBe(1234.57);
    expect(calc("round(1250; -2)")).toBe(1300);
    expect(calc('round("3.14159"; 3)')).toBe(3.142);
  });

  it("ceil, floor and abs", () => {
    expect(calc("ceil(1.2)")).toBe(2);
    expect(calc("ceil(-1.2)")).toBe(-1);
    expect(calc("floor(1.8)")).toBe(1);
    expect(calc("floor(-1.2)")).toBe(-2);
    expect(calc("abs(-5.5)")).toBe(5.5);
  });
});

describe("aggregates", () => {
  it("min and max take numbers or arrays and skip empty values", () => {
    expect(calc("min(3; 1; 2)")).toBe(1);
    expect(calc("max(3; 1; 2)")).toBe(3);
    expect(m("min(1.list)")).toBe(2);
    expect(m("max(1.list; 10)")).toBe(10);
    expect(m("max(1.empty)")).toBeUndefined();
  });

  it("sum and average", () => {
    expect(calc("sum(1; 2; 3.5)")).toBe(6.5);
    expect(m("sum(1.list)")).toBe(12);
    expect(m("sum(1.empty)")).toBe(0);
    expect(m("average(1.list)")).toBe(4);
    expect(calc("average(1; 2)")).toBe(1.5);
    expect(m("average(1.empty)")).toBeUndefined();
    expect(evalError(() => calc('sum(1; "x")')).fn).toBe("sum");
  });

  it("handles large arrays without exhausting the stack", () => {
    const big = Array.from({ length: 300_000 }, (_, i) => i);
    expect(calc("max(1.big)", "UTC", { 1: { big } })).toBe(299_999);
  });
});

describe("parseNumber and formatNumber", () => {
  it("parseNumber reads thousands separators and a chosen decimal separator", () => {
    expect(calc('parseNumber("1,234.5")')).toBe(1234.5);
    expect(calc('parseNumber("1.234.567,89"; ",")')).toBe(1234567.89);
    expect(calc('parseNumber("1 756,456"; ",")')).toBe(1756.456);
    expect(calc('parseNumber("-42")')).toBe(-42);
    expect(calc('parseNumber("")')).toBeUndefined();
    expect(evalError(() => calc('parseNumber("12abc")')).fn).toBe("parseNumber");
    expect(evalError(() => calc('parseNumber("1,2,3"; ",")')).fn).toBe("parseNumber");
  });

  it("formatNumber uses Fusion's default separators unless given others", () => {
    expect(calc("formatNumber(1234567.891; 2)")).toBe("1.234.567,89");
    expect(calc('formatNumber(1234567.891; 2; "."; ",")')).toBe("1,234,567.89");
    expect(calc('formatNumber(-1234.5; 0; "."; ",")')).toBe("-1,235");
    expect(calc('formatNumber(0.5; 3; "."; "")')).toBe("0.500");
    expect(calc('formatNumber(999; 1; "."; " ")')).toBe("999.0");
    expect(evalError(() => calc("formatNumber(1; 50)")).message).toMatch(/Decimals/);
  });
});

describe("random", () => {
  it("is a number in [0, 1) and varies", () => {
    const values = new Set(Array.from({ length: 20 }, () => calc("random()") as number));
    for (const v of values) expect(v >= 0 && v < 1).toBe(true);
    expect(values.size).toBeGreaterThan(1);
  });
});
