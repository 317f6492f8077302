import { defineModule } from "@/lib/modules/define";

export default defineModule({
  key: "flow:getVariable",
  version: 1,
  kind: "action",
  title: "Get variable",
  description: "Reads a variable set earlier in this run; a variable never set reads as empty (null).",
  fields: [{ name: "name", label: "Variable name", type: "text", static: true, required: true }],
  output: (params) => [{ name: params.name, label: params.name, type: "any" }],
  run({ params, variables }) {
    return [{ [params.name]: variables.has(params.name) ? variables.get(params.name) : null }];
  },
});
