import { defineScene } from '../scene-types.ts';
import type { CodeLine } from '../elements.ts';
import { FIRST_DELAY, STAGGER } from '../motion.ts';
import { buildTheme, type Theme } from '../theme.ts';
import { codePanel, header } from '../blocks.ts';
import { stagger } from '../motion.ts';
import { centerVertically } from '../arrange.ts';

/**
 * Terminal lines styled by their prefix. The panel is dark in both modes, so the accent and green come from the
 * dark theme (light shades that read on `codeBackground`), not from the page theme.
 */
function terminalLine(raw: string, theme: Theme, panel: Theme): CodeLine {
  const line = raw.replace(/\s+$/, '');
  if (line.startsWith('$')) {
    return { gutter: { text: '❯', color: panel.accentText }, tokens: [{ text: line.replace(/^\$\s?/, ''), color: theme.codeText, bold: true }] };
  }
  if (line.startsWith('→')) {
    return { gutter: { text: '→', color: panel.successText }, tokens: [{ text: line.replace(/^→\s?/, ''), color: theme.codeMuted }] };
  }
  if (line.startsWith('✓')) {
    return { gutter: { text: '✓', color: panel.successText }, tokens: [{ text: line.replace(/^✓\s?/, ''), color: panel.successText }] };
  }
  if (line.startsWith('#')) return { tokens: [{ text: line, color: theme.codeMuted, italic: true }] };
  return { tokens: [{ text: line, color: theme.codeText }] };
}

/**
 * Lines "type in" one after another once the panel has landed; commands take a beat longer than their output. A long
 * session is compressed to finish within TYPING_BUDGET, so the scene settles before a short narration ends.
 */
const TYPING_BUDGET = 2.4;
function typedIn(lines: readonly CodeLine[], commands: readonly string[], start: number): CodeLine[] {
  const steps = commands.map((c) => (c.trimStart().startsWith('$') ? STAGGER * 2 : STAGGER));
  const scale = Math.min(1, TYPING_BUDGET / steps.reduce((a, b) => a + b, 0));
  const delays: number[] = [];
  let t = start;
  for (const step of steps) {
    delays.push(t);
    t += step * scale;
  }
  // A line past the commands (the idle prompt) appears last.
  return lines.map((line, i): CodeLine => ({ ...line, enter: { delay: delays[i] ?? t, duration: 0.3, from: 'fade' } }));
}

/** Heading with a chevron tile over a terminal window whose lines appear one by one, styled like a real shell. */
export const commandScene = defineScene({
  kind: 'command',
  layout(scene, env) {
    const { theme } = env;
    const panel = buildTheme(theme.accentName, 'dark');
    const head = header(env, env.frame.safe, { icon: 'chevron', title: scene.title, description: scene.description });
    const lines = scene.commands.map((c) => terminalLine(c, theme, panel));
    // An idle prompt with a cursor block closes the session, so the terminal reads as live rather than a log.
    lines.push({ gutter: { text: '❯', color: panel.accentText }, tokens: [{ text: '█', color: theme.codeMuted }] });
    const panelEnter = stagger(head.next, 'up');
    const typed = typedIn(lines, scene.commands, panelEnter.delay + 0.35 + FIRST_DELAY);
    const terminal = codePanel(env, 'commands', head.rest, { code: scene.commands.join('\n'), label: 'Terminal', lines: typed }, panelEnter);
    return centerVertically([...head.elements, terminal], env.frame.safe);
  },
});
