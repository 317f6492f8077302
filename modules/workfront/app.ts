import { defineApp } from "@/lib/modules/app";

export default defineApp({ name: "workfront", title: "Workfront", colour: "#e03c31", icon: "/icons/workfront.svg" });
