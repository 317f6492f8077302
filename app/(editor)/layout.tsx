import { requirePageActor } from "@/server/auth";
import { ActorProvider } from "@/components/shell/actor-context";
import { AppNav } from "@/components/shell/app-nav";

/** Same shell as the other pages, but the canvas takes the whole width and height. */
export default async function EditorLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  return (
    <ActorProvider actor={{ id: actor.id, email: actor.email, name: actor.name, role: actor.role }}>
      <AppNav />
      <div id="main">{children}</div>
    </ActorProvider>
  );
}
