import type { AuditEventInput } from '../audit/index.js';

interface Recorded {
  action: string;
  outcome: 'ALLOWED' | 'DENIED';
  caseIds: readonly string[];
  fields: readonly string[];
  detail: Record<string, unknown>;
}

/**
 * Collects a request's audit events. At the end they are merged by kind (action, outcome and
 * detail) into one event listing every case and field class touched, so a page of 100 cases
 * costs one row. A change that rolls back takes back its ALLOWED events (its denials stay).
 */
export class AuditBuffer {
  private events: Recorded[] = [];

  constructor(private readonly base: { actorId: string | null; organizationId: string | null; requestId: string }) {}

  record(event: {
    action: string;
    outcome: 'ALLOWED' | 'DENIED';
    caseIds?: readonly string[];
    fields?: readonly string[];
    detail?: Record<string, unknown>;
  }): void {
    this.events.push({
      action: event.action,
      outcome: event.outcome,
      caseIds: event.caseIds ?? [],
      fields: event.fields ?? [],
      detail: event.detail ?? {},
    });
  }

  /** A mark to roll back to. */
  checkpoint(): number {
    return this.events.length;
  }

  /** The change since `mark` rolled back: what it did is undone, what was refused stays recorded. */
  discardAllowedSince(mark: number): void {
    this.events = [...this.events.slice(0, mark), ...this.events.slice(mark).filter((e) => e.outcome === 'DENIED')];
  }

  /** Sets who the actor is once they are known (a sign-in within this request). */
  identify(actorId: string, organizationId: string): void {
    this.base.actorId = actorId;
    this.base.organizationId = organizationId;
  }

  drain(): AuditEventInput[] {
    const merged = new Map<string, { event: Recorded; cases: Set<string>; fields: Set<string> }>();
    for (const event of this.events) {
      const key = `${event.action}|${event.outcome}|${JSON.stringify(event.detail)}`;
      let entry = merged.get(key);
      if (!entry) {
        entry = { event, cases: new Set(), fields: new Set() };
        merged.set(key, entry);
      }
      for (const id of event.caseIds) entry.cases.add(id);
      for (const field of event.fields) entry.fields.add(field);
    }
    this.events = [];
    return [...merged.values()].map(({ event, cases, fields }) => ({
      actorId: this.base.actorId,
      organizationId: this.base.organizationId,
      requestId: this.base.requestId,
      action: event.action,
      outcome: event.outcome,
      detail: event.detail,
      caseIds: [...cases].sort(),
      fields: [...fields].sort(),
    }));
  }
}
