import { defineApp } from "@/lib/modules/app";

export default defineApp({ name: "flow", title: "Flow control", colour: "#6d28d9", icon: "/icons/flow.svg" });
