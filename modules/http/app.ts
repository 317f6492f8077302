import { defineApp } from "@/lib/modules/app";

export default defineApp({ name: "http", title: "HTTP", colour: "#2563eb", icon: "/icons/http.svg" });
