import type { AuditEventInput } from '../audit/index.js';

/**
 * Collects a request's audit events and merges those of one kind (action and outcome) into one
 * event listing every case and field class touched, so a page of 100 cases costs one row.
 */
export class AuditBuffer {
  private readonly events = new Map<string, { input: AuditEventInput; cases: Set<string>; fields: Set<string> }>();

  constructor(private readonly base: { actorId: string | null; organizationId: string | null; requestId: string }) {}

  record(event: {
    action: string;
    outcome: 'ALLOWED' | 'DENIED';
    caseIds?: readonly string[];
    fields?: readonly string[];
    detail?: Record<string, unknown>;
  }): void {
    const key = `${event.action}|${event.outcome}|${JSON.stringify(event.detail ?? {})}`;
    let entry = this.events.get(key);
    if (!entry) {
      entry = {
        input: { ...this.base, action: event.action, outcome: event.outcome, detail: event.detail ?? {} },
        cases: new Set(),
        fields: new Set(),
      };
      this.events.set(key, entry);
    }
    for (const id of event.caseIds ?? []) entry.cases.add(id);
    for (const field of event.fields ?? []) entry.fields.add(field);
  }

  /** Sets who the actor is once they are known (a sign-in within this request). */
  identify(actorId: string, organizationId: string): void {
    this.base.actorId = actorId;
    this.base.organizationId = organizationId;
  }

  drain(): AuditEventInput[] {
    const out = [...this.events.values()].map((e) => ({
      ...e.input,
      actorId: e.input.actorId ?? this.base.actorId,
      organizationId: e.input.organizationId ?? this.base.organizationId,
      caseIds: [...e.cases].sort(),
      fields: [...e.fields].sort(),
    }));
    this.events.clear();
    return out;
  }

  get size(): number {
    return this.events.size;
  }
}
