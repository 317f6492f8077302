import { defineModule } from "@/lib/modules/define";

/**
 * Sends each bundle down every route whose filter passes, in route order; the fallback route takes
 * bundles no other route took. The engine does the routing: a router has no run of its own and adds
 * nothing to the bundle.
 */
export default defineModule({
  key: "flow:router",
  version: 1,
  kind: "router",
  title: "Router",
  description: "Sends each bundle down every route whose filter lets it pass; a fallback route takes the rest.",
  fields: [],
  output: [],
});
