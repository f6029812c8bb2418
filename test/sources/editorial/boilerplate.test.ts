import { describe, expect, it } from 'vitest';
import { boilerplateKind, withoutBoilerplate } from '../../../src/sources/document/editorial/boilerplate.ts';
import type { DocSection } from '../../../src/sources/document/model.ts';

const section = (heading: string, depth = 2, text = 'Some real content about the topic.'): DocSection => ({ heading, depth, lines: { start: 1, end: 1 }, blocks: [{ type: 'paragraph', text, lines: { start: 1, end: 1 } }] });

describe('boilerplate sections', () => {
  it('names the kind from the heading, whatever its numbering, emoji or punctuation', () => {
    expect(boilerplateKind(section('License'))).toBe('licence');
    expect(boilerplateKind(section('3. Contributors'))).toBe('contributors');
    expect(boilerplateKind(section('Contributors ✨'))).toBe('contributors');
    expect(boilerplateKind(section('Sponsors 💸'))).toBe('sponsors');
    expect(boilerplateKind(section('Commander for enterprise'))).toBe('sponsors');
    expect(boilerplateKind(section('Join in!'))).toBe('contributing');
    expect(boilerplateKind(section('Table of Contents'))).toBe('table of contents');
    expect(boilerplateKind(section('Changelog'))).toBe('changelog');
    expect(boilerplateKind(section('Links'))).toBe('navigation');
    expect(boilerplateKind(section('Acknowledgements'))).toBe('acknowledgements');
    expect(boilerplateKind(section('Support'))).toBe('support');
  });

  it('keeps content headings that merely contain such words', () => {
    for (const heading of ['Getting Help', 'Licence keys and activation', 'Contributing a plugin API', 'Security implications', 'Automated help', 'Install']) expect(boilerplateKind(section(heading)), heading).toBeUndefined();
  });

  it('recognises licence text under any heading', () => {
    expect(boilerplateKind(section('David Mandelberg', 3, 'Copyright © 2002 Joey Hess. This document is licensed under the GNU General Public License.'))).toBe('licence');
  });

  it('skips a boilerplate section with its subsections, and tables of contents inside other sections', () => {
    const toc: DocSection = { heading: 'Overview', depth: 2, lines: { start: 1, end: 3 }, blocks: [{ type: 'list', ordered: false, items: [{ text: 'Install' }, { text: 'Usage' }, { text: 'Support' }], lines: { start: 1, end: 3 } }, { type: 'paragraph', text: 'A tool for things.', lines: { start: 4, end: 4 } }] };
    const { sections, skipped } = withoutBoilerplate([toc, section('Install'), section('Usage'), section('Support'), section('Commercial support', 3), section('Install again')], 'Tool');
    expect(sections.map((s) => s.heading)).toEqual(['Overview', 'Install', 'Usage', 'Install again']);
    expect(sections[0]!.blocks.map((b) => b.type)).toEqual(['paragraph']);
    expect(skipped.map((s) => s.kind)).toEqual(['table of contents', 'support']);
  });

  it('keeps everything when the document is its boilerplate (a LICENSE file)', () => {
    const { sections, skipped } = withoutBoilerplate([section('License'), section('Copyright')]);
    expect(sections).toHaveLength(2);
    expect(skipped).toEqual([]);
  });
});
