import { eq } from "drizzle-orm";
import type { ConnectionService } from "../connections/service";
import type { Db } from "../db/client";
import { webhooks } from "../db/schema";
import { AppError } from "../errors";
import { databaseScenarioStore } from "../executions/scenario-store";
import { log } from "../log";
import { webhookStateKey } from "../modules/define";
import type { JsonValue } from "../modules/json";
import type { ModuleDefinition } from "../modules/define";
import { FieldValidationError } from "../modules/errors";
import type { ModuleRegistry } from "../modules/registry";
import { validateForRun } from "../modules/validators";
import { canonicalJson } from "../scenario/canonical";
import { hookPath } from "../webhooks/service";

export type TriggerModule = { id: number; module: string; version: number; params: Record<string, unknown>; connection?: string | null };
type Graph = { modules: TriggerModule[]; links: Array<{ to: number }> };

/** Where remote services reach this instance: PATCHBAY_PUBLIC_URL, or the address the server listens on. */
export function publicUrl(): string {
  return (process.env.PATCHBAY_PUBLIC_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
}

/** The module nothing links to: the scenario's trigger. */
export function triggerOf(blueprint: Graph): TriggerModule | undefined {
  const targets = new Set(blueprint.links.map((l) => l.to));
  return blueprint.modules.find((m) => !targets.has(m.id));
}

/**
 * Instant triggers that subscribe at a remote service (Workfront event subscriptions, Proof callbacks):
 * registering the scenario's webhook URL there on activation, and removing it again. The lifecycle's
 * state (subscription id, shared secret) lives in the scenario store under the trigger's module id.
 */
export class RemoteTriggers {
  constructor(
    private readonly db: Db,
    private readonly registry: ModuleRegistry,
    private readonly connections?: ConnectionService,
  ) {}

  isInstant(root: TriggerModule | undefined): boolean {
    return root ? this.registry.getModule(root.module, root.version)?.instant === true : false;
  }

  /**
   * What the remote side was told, as one comparable text; null for triggers that register nothing.
   * Two triggers with the same key need no new registration (the mapper plays no part in registering).
   */
  registrationKey(root: TriggerModule | undefined): string | null {
    if (!root || !this.registry.getModule(root.module, root.version)?.webhookLifecycle) return null;
    return canonicalJson({ id: root.id, module: root.module, version: root.version, connection: root.connection ?? null, params: root.params });
  }

  /** A remote refusal is a validation error carrying the service's message; nothing is stored then. */
  async register(scenarioId: string, root: TriggerModule): Promise<void> {
    const def = this.registry.getModule(root.module, root.version);
    if (!def?.webhookLifecycle) return;
    await this.unregister(scenarioId, root);
    const ctx = await this.lifecycleContext(def, root);
    let state: JsonValue;
    try {
      state = await def.webhookLifecycle.register(ctx);
    } catch (error) {
      throw new AppError("validation_failed", `Module ${root.id} could not register with the remote service: ${error instanceof Error ? error.message : String(error)}`);
    }
    await databaseScenarioStore(this.db, scenarioId).set(webhookStateKey(root.id), state);
  }

  /** Removes what `register` stored for this trigger; a remote failure is logged, never blocks switching off. */
  async unregister(scenarioId: string, root: TriggerModule): Promise<void> {
    const def = this.registry.getModule(root.module, root.version);
    if (!def?.webhookLifecycle) return;
    const store = databaseScenarioStore(this.db, scenarioId);
    const state = await store.get(webhookStateKey(root.id));
    if (state === undefined) return;
    try {
      await def.webhookLifecycle.unregister({ ...(await this.lifecycleContext(def, root)), state });
    } catch (error) {
      // The remote subscription may already be gone; switching off must still work.
      log.warn({ err: error, scenarioId }, "could not unregister a trigger's remote subscription");
    }
    await store.delete(webhookStateKey(root.id));
  }

  /** What the lifecycle sees: the params a run would see (defaults filled in, values typed), the connection, the hook's URL. */
  private async lifecycleContext(def: ModuleDefinition, root: TriggerModule) {
    const [hook] = await this.db.select().from(webhooks).where(eq(webhooks.id, String(root.params.webhook)));
    if (!hook) throw new AppError("validation_failed", `Module ${root.id}'s webhook no longer exists.`);
    let params: Record<string, unknown>;
    try {
      params = validateForRun(def, "params", root.params);
    } catch (error) {
      if (error instanceof FieldValidationError) throw new AppError("validation_failed", `Module ${root.id}: ${error.message}`, { issues: error.issues });
      throw error;
    }
    const connection = root.connection && this.connections ? await this.connections.resolve(root.connection) : null;
    return { moduleId: root.id, params, connection, url: publicUrl() + hookPath(hook.token), signal: AbortSignal.timeout(30_000) };
  }
}
