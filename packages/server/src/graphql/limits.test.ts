import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type CostMeter, createCostMeter, measureCost } from './limits.js';

const schema = buildSchema(`
  type Query { cases(first: Int): [Case!]! }
  type Case { id: ID! persons(first: Int): [Person!]! }
  type Person { name: String! }
`);
const otherSchema = buildSchema(`
  type Query { cases(first: Int): [Case!]! }
  type Case { id: ID! persons(first: Int): [Person!]! extra: String }
  type Person { name: String! }
`);

function countingMeter() {
  let calls = 0;
  const meter = createCostMeter((...args: Parameters<CostMeter>) => {
    calls++;
    return measureCost(...args);
  });
  return { meter, calls: () => calls };
}

describe('the cost meter', () => {
  const document = parse(`
    query Page($n: Int, $m: Int) { cases(first: $n) { id persons(first: $m) { name } } }
    query One { cases(first: 1) { id } }
  `);

  it('counts a page as its size times its children, as the limit expects', () => {
    const { meter } = countingMeter();
    // cases: 10 × (1 + id 1 + persons 5 × (1 + name 1)) = 10 × 12
    expect(meter(schema, document, 'Page', { n: 10, m: 5 })).toBe(120);
    expect(meter(schema, document, 'One', {})).toBe(2);
  });

  it('walks a document once per schema, operation name and variables, and again when any of them differs', () => {
    const { meter, calls } = countingMeter();
    expect(meter(schema, document, 'Page', { n: 10, m: 5 })).toBe(120);
    expect(meter(schema, document, 'Page', { n: 10, m: 5 })).toBe(120);
    expect(calls()).toBe(1);
    expect(meter(schema, document, 'Page', { n: 20, m: 5 })).toBe(240);
    expect(meter(schema, document, 'One', {})).toBe(2);
    expect(meter(otherSchema, document, 'Page', { n: 10, m: 5 })).toBe(120);
    // The same text parsed again is another document (Apollo reuses its parsed documents).
    expect(meter(schema, parse(document.loc?.source.body ?? ''), 'Page', { n: 10, m: 5 })).toBe(120);
    expect(calls()).toBe(5);
    expect(meter(schema, document, 'Page', { n: 20, m: 5 })).toBe(240);
    expect(calls()).toBe(5);
  });

  it('remembers variables that do not fit the operation as no cost, and does not remember long variables', () => {
    const { meter, calls } = countingMeter();
    expect(meter(schema, document, 'Page', { n: 'ten' })).toBeUndefined();
    expect(meter(schema, document, 'Page', { n: 'ten' })).toBeUndefined();
    expect(calls()).toBe(1);
    const long = { n: 3, m: 1, note: 'x'.repeat(2000) };
    expect(meter(schema, document, 'Page', long)).toBe(3 * 4);
    expect(meter(schema, document, 'Page', long)).toBe(3 * 4);
    expect(calls()).toBe(3);
  });

  it('keeps at most 32 costs per document', () => {
    const { meter, calls } = countingMeter();
    for (let n = 1; n <= 40; n++) meter(schema, document, 'Page', { n, m: 1 });
    expect(calls()).toBe(40);
    // The memory was started afresh after 32: 33…40 are remembered, 1 is not.
    meter(schema, document, 'Page', { n: 40, m: 1 });
    expect(calls()).toBe(40);
    meter(schema, document, 'Page', { n: 1, m: 1 });
    expect(calls()).toBe(41);
  });
});
