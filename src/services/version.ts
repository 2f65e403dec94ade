import { readFileSync } from "node:fs";
import { fromRoot } from "../project-root.js";

export const packageVersion: string = JSON.parse(readFileSync(fromRoot("package.json"), "utf8")).version;
