import { defineApp } from "@/lib/modules/app";

export default defineApp({ name: "webhooks", title: "Webhooks", colour: "#c2410c", icon: "/icons/webhooks.svg" });
