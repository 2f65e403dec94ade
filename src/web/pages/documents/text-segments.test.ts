import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offsetOfPoint, parsePassage, segmentText } from "./text-segments";

describe("segmentText", () => {
  const text = "Peace now.\nRead also: other news\nThe end.";
  const edits = [{ start: 10, end: 32, replacement: "", rule: "read_also" }];

  it("cuts the text at edits and highlights, and the runs cover it exactly once", () => {
    const segments = segmentText(text.length, edits, [{ start: 6, end: 14, focused: true }]);
    expect(segments.map((s) => [s.start, s.end])).toEqual([
      [0, 6],
      [6, 10],
      [10, 14],
      [14, 32],
      [32, text.length],
    ]);
    expect(segments.map((s) => s.marked)).toEqual([false, true, true, false, false]);
    expect(segments.filter((s) => s.edit).map((s) => s.edit?.rule)).toEqual(["read_also", "read_also"]);
    expect(segments.every((s) => !s.focused || s.marked)).toBe(true);
  });

  it("puts an edit's replacement after its last run only", () => {
    const broken = "free _expression_ here";
    const wordEdit = { start: 5, end: 17, replacement: "expression", rule: "broken_word" };
    const segments = segmentText(broken.length, [wordEdit], [{ start: 0, end: 8 }]);
    expect(segments.filter((s) => s.replacement).map((s) => [s.start, s.end, s.replacement])).toEqual([
      [8, 17, "expression"],
    ]);
  });

  it("keeps highlights within the text", () => {
    const segments = segmentText(5, [], [{ start: 3, end: 99 }]);
    expect(segments.at(-1)).toMatchObject({ start: 3, end: 5, marked: true });
  });
});

describe("parsePassage", () => {
  it("reads start-end and refuses anything else", () => {
    expect(parsePassage("12-40")).toEqual({ start: 12, end: 40 });
    expect(parsePassage("40-12")).toBeUndefined();
    expect(parsePassage("x")).toBeUndefined();
    expect(parsePassage(null)).toBeUndefined();
  });
});

describe("offsetOfPoint", () => {
  // The runs as DocumentText renders them: a plain run, a marked run, removed debris, its replacement.
  const { document, HTMLElement, Node } = parseHTML(
    '<div id="text"><span data-start="0" data-end="5">Peace</span><mark><span data-start="5" data-end="9"> now</span></mark>' +
      '<del data-start="9" data-end="20">_expression_</del><ins data-start="20" data-end="20" data-inserted="">expression</ins>' +
      '<span data-start="20" data-end="24"> end</span></div>',
  );
  beforeAll(() => {
    Object.assign(globalThis, { HTMLElement, Node });
  });
  afterAll(() => {
    Reflect.deleteProperty(globalThis, "HTMLElement");
    Reflect.deleteProperty(globalThis, "Node");
  });
  const container = document.getElementById("text") as unknown as globalThis.Node;
  const run = (start: number) =>
    document.querySelector(`[data-start="${start}"]:not(ins)`) as unknown as globalThis.Node;

  it("measures a point in a run's text from the run's start", () => {
    expect(offsetOfPoint(container, run(5).firstChild, 2)).toBe(7);
    expect(offsetOfPoint(container, run(20).firstChild, 4)).toBe(24);
  });

  it("puts a point inside cleaning's replacement at the end of what it replaced", () => {
    const inserted = document.querySelector("ins") as unknown as globalThis.Node;
    expect(offsetOfPoint(container, inserted.firstChild, 3)).toBe(20);
  });

  it("measures points between elements from the runs around them", () => {
    expect(offsetOfPoint(container, container, 0)).toBe(0);
    expect(offsetOfPoint(container, container, 2)).toBe(9);
    expect(offsetOfPoint(container, container, 5)).toBe(24);
  });

  it("refuses points outside the text", () => {
    const outside = document.createElement("p") as unknown as globalThis.Node;
    expect(offsetOfPoint(container, outside, 0)).toBeUndefined();
  });
});
