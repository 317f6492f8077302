import { defineApp } from "@/lib/modules/app";

export default defineApp({ name: "csv", title: "CSV", colour: "#15803d", icon: "/icons/csv.svg" });
