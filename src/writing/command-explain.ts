import { COUNT, listOf, sentence } from './code-explain.ts';

/**
 * Terminal commands said as what they do ("install ioredis with npm", "run quiver doctor with npx"), never read out
 * flag by flag. Package managers, interpreters, git and docker are known; anything else is "run <tool>".
 */
/** What terminal commands do: "Install ioredis with npm, then run the split script." ('' when there are none). */
export function explainCommands(commands: readonly string[]): string {
  const typed = commands.filter((c) => /^\s*\$/.test(c)).map((c) => c.replace(/^\s*\$\s*/, '').trim());
  const phrases: string[] = [];
  for (const cmd of typed) {
    // Environment assignments ("PORT=80 extra") and paths ("./examples/pizza") are not what a listener needs.
    const words = cmd.split(/\s+/).filter((w, k, all) => !(/^[A-Z_][A-Z\d_]*=/.test(w) && all.slice(0, k).every((x) => /^[A-Z_][A-Z\d_]*=/.test(x))));
    if (words[0]) words[0] = words[0].replace(/^.*\//, '');
    const [tool = '', sub = '', ...rest] = words;
    const args = rest.filter((w) => !w.startsWith('-'));
    const dev = rest.some((w) => /^(?:-D|--save-dev|--dev)$/.test(w));
    let phrase: string;
    if (/^(?:npm|pnpm|yarn|bun)$/.test(tool) && /^(?:i|install|add)$/.test(sub)) phrase = args.length ? `install ${listOf(args, 3)} with ${tool}${dev ? ' as a development dependency' : ''}` : `install the dependencies with ${tool}`;
    else if (/^(?:pip3?|pipx|gem|cargo|go)$/.test(tool) && /^(?:install|add|get)$/.test(sub)) phrase = `install ${listOf(args.length ? args : ['the package'], 3)} with ${tool}`;
    else if (/^(?:brew|apt|apt-get|dnf|yum)$/.test(tool) && /^install$/.test(sub)) phrase = `install ${listOf(args, 3)} with ${tool}`;
    else if (tool === 'git' && sub === 'clone') phrase = 'clone the repository';
    else if (tool === 'cd' || tool === 'export' || tool === 'echo') continue;
    else if (/^(?:npx|pnpx|bunx)$/.test(tool)) phrase = `run ${[sub, ...rest.slice(0, 1).filter((w) => /^[a-z][\w-]*$/.test(w))].join(' ')} with ${tool}`;
    else if (/^(?:node|python3?|deno|bun|ts-node|tsx|ruby)$/.test(tool) && sub) phrase = `run ${sub}${rest.some((w) => w.startsWith('-')) ? ' with a few options' : ''}`;
    else if (tool === 'docker' && sub === 'run') phrase = 'start a container';
    else if (/^(?:npm|pnpm|yarn)$/.test(tool) && sub === 'run' && rest[0]) phrase = `run the ${rest[0]} script`;
    else if (/^(?:npm|pnpm|yarn)$/.test(tool) && /^(?:test|start|build)$/.test(sub)) phrase = `${sub === 'test' ? 'run the tests' : sub === 'start' ? 'start it' : 'build it'} with ${tool}`;
    else phrase = `run ${tool}${sub && !sub.startsWith('-') && !/[/.]/.test(sub) ? ` ${sub}` : ''}${words.some((w) => w.startsWith('-')) ? ' with options' : ''}`;
    if (!phrases.includes(phrase)) phrases.push(phrase);
  }
  if (!phrases.length) return '';
  const shown = phrases.slice(0, 3);
  const more = phrases.length - shown.length;
  const body = shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')}, then ${shown.at(-1)}`;
  return sentence(`${body}${more > 0 ? `, and ${more === 1 ? 'one more command' : `${COUNT[more] ?? more} more commands`}` : ''}`);
}
