import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../src/spec/index.ts';
import { layoutScene } from '../../src/render/compose.ts';
import { frameFor } from '../../src/render/geometry.ts';
import type { CodeElement, Element } from '../../src/render/elements.ts';
import { layoutContext } from './helpers.ts';

const codeOf = (els: readonly Element[]): CodeElement[] => els.flatMap((e) => (e.type === 'code' ? [e] : e.type === 'group' ? codeOf(e.children) : []));

/** Terminal lines type in one after another; each drawn line carries its own entrance as data (CodeLine.enter). */
describe('a terminal types in line by line', () => {
  it('gives every line its entrance in order, a wrapped command enters whole, and the idle prompt comes last', async () => {
    const long = `$ pip install ${Array.from({ length: 14 }, (_, i) => `package-number-${i}`).join(' ')}`;
    const r = validateSpec({ id: 't', title: 'T', aspect: '9:16', scenes: [{ kind: 'command', title: 'Install', commands: [long, '→ Collecting packages', '✓ Installed'] }] });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const frame = frameFor('9:16', 540);
    const laid = layoutScene(r.value, r.value.scenes[0]!, 0, { ...(await layoutContext()), frame });
    const [code] = codeOf(laid.elements);
    const lines = code!.lines;
    expect(lines.length).toBeGreaterThan(4);
    const delays = lines.map((l) => l.enter!.delay);
    const wrapped = lines.filter((l) => l.clipped);
    expect(wrapped.length).toBeGreaterThan(0);
    // The command's continuation rows appear with the command itself, not one step later each.
    expect(new Set(delays.slice(0, wrapped.length + 1)).size).toBe(1);
    expect([...delays].sort((a, b) => a - b)).toEqual(delays);
    expect(new Set(delays).size).toBe(4);
    expect(laid.settlesAt).toBeCloseTo(delays.at(-1)! + lines.at(-1)!.enter!.duration, 6);
  });
});
