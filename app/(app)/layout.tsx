import { requirePageActor } from "@/server/auth";
import { ActorProvider } from "@/components/shell/actor-context";
import { AppNav } from "@/components/shell/app-nav";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  const clientActor = { id: actor.id, email: actor.email, name: actor.name, role: actor.role };
  return (
    <ActorProvider actor={clientActor}>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <AppNav />
      <main id="main" className="mx-auto max-w-6xl px-6 py-8">
        {children}
      </main>
    </ActorProvider>
  );
}
