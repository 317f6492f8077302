import { defineApp } from "@/lib/modules/app";

export default defineApp({ name: "json", title: "JSON", colour: "#0f766e", icon: "/icons/json.svg" });
