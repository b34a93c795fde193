/**
 * The columns of the cases CSV, each tagged with its field class (ACCESS.md). Only META, QUASI,
 * IDENTITY and CHARGES may ever reach a CSV: SECRET, ASSESSMENT and IRCC_INTERNAL have no column
 * here, so no caller's export can carry them whatever the policy says.
 *
 * CSV writing is csv-stringify (the `csv` project, MIT, maintained since 2010 with millions of
 * weekly downloads): quoting of delimiters, quotes and line breaks is exactly the kind of code
 * that is easy to get subtly wrong by hand. Formula neutralisation is ours, below, so that it is
 * explicit, unit-tested and independent of the library's options.
 */
import type { FieldClass, HrdActivity } from '@hrd/schema';
import { stringify } from 'csv-stringify/sync';
import type { CaseRecord } from '../cases/cases.types.js';

/** The classes a CSV may carry, in column order. */
export const EXPORTABLE_CLASSES = [
  'REFERENCE',
  'META',
  'QUASI',
  'IDENTITY',
  'CHARGES',
] as const satisfies readonly FieldClass[];
export type ExportableClass = (typeof EXPORTABLE_CLASSES)[number];

/** Everything a row is made from; the per-class parts are null when the class is not loaded. */
export interface ExportRow {
  readonly record: CaseRecord;
  readonly custodianKind: string | null;
  readonly originKind: string | null;
  readonly irccStage: string | null;
  readonly irccOutcome: string | null;
  readonly principal: { readonly givenName: string; readonly familyName: string } | null;
  readonly charges: ReadonlyArray<{ readonly partnerView: string }> | null;
}

type CellValue = string | number | boolean | null | undefined;

export interface ExportColumn {
  readonly name: string;
  readonly fieldClass: ExportableClass;
  readonly value: (row: ExportRow) => CellValue;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const activities = (list: readonly HrdActivity[]) => list.join(';');

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  // REFERENCE: no column at all for a role that may never read references (analysts).
  { name: 'reference', fieldClass: 'REFERENCE', value: (r) => r.record.reference },
  { name: 'status', fieldClass: 'META', value: (r) => r.record.status },
  { name: 'urgency', fieldClass: 'META', value: (r) => r.record.urgency },
  { name: 'size', fieldClass: 'META', value: (r) => r.record.size },
  // Kinds only: a third party's name must not leave the exchange (organizations.present.ts).
  { name: 'custodian_kind', fieldClass: 'META', value: (r) => r.custodianKind },
  { name: 'origin_kind', fieldClass: 'META', value: (r) => r.originKind },
  { name: 'activities', fieldClass: 'META', value: (r) => activities(r.record.activities) },
  { name: 'created_at', fieldClass: 'META', value: (r) => iso(r.record.createdAt) },
  { name: 'updated_at', fieldClass: 'META', value: (r) => iso(r.record.updatedAt) },
  { name: 'your_relation', fieldClass: 'META', value: (r) => r.record.relation },
  { name: 'ircc_stage', fieldClass: 'META', value: (r) => r.irccStage },
  { name: 'ircc_outcome', fieldClass: 'META', value: (r) => r.irccOutcome },
  { name: 'country_of_nationality', fieldClass: 'QUASI', value: (r) => r.record.countryOfNationality },
  { name: 'country_of_asylum', fieldClass: 'QUASI', value: (r) => r.record.countryOfAsylum },
  { name: 'principal_given_name', fieldClass: 'IDENTITY', value: (r) => r.principal?.givenName },
  { name: 'principal_family_name', fieldClass: 'IDENTITY', value: (r) => r.principal?.familyName },
  { name: 'in_hiding', fieldClass: 'IDENTITY', value: (r) => r.record.inHiding },
  { name: 'hrd_summary', fieldClass: 'IDENTITY', value: (r) => r.record.hrdSummary },
  { name: 'charges_count', fieldClass: 'CHARGES', value: (r) => r.charges?.length },
  {
    name: 'judicial_harassment_count',
    fieldClass: 'CHARGES',
    value: (r) => r.charges?.filter((c) => c.partnerView === 'JUDICIAL_HARASSMENT').length,
  },
];

/**
 * Characters that make a spreadsheet read a cell as a formula (CSV injection, OWASP): = + - @,
 * tab and carriage return, and their full-width forms, which some spreadsheets fold to ASCII.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A cell as text, with a leading apostrophe when it would start a formula. */
export function neutraliseCell(value: CellValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One row's cells: a column's value when the caller may read its class on this case, else an
 * empty cell. Every cell is neutralised.
 */
export function rowCells(
  columns: readonly ExportColumn[],
  row: ExportRow,
  readable: ReadonlySet<ExportableClass>,
): string[] {
  return columns.map((c) => (readable.has(c.fieldClass) ? neutraliseCell(c.value(row)) : ''));
}

/** The CSV text: RFC 4180 (CRLF line ends, quotes where needed), header first. */
export function toCsv(columns: readonly ExportColumn[], rows: readonly string[][]): string {
  return stringify([columns.map((c) => c.name), ...rows], { record_delimiter: 'windows' });
}
