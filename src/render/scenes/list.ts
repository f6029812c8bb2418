import { defineScene } from '../scene-types.ts';
import { header } from '../blocks.ts';
import { itemRows } from '../item-rows.ts';
import { centerVertically } from '../arrange.ts';

/** Heading plus numbered (or bulleted) rows; items may carry a one-line description. */
export const listScene = defineScene({
  kind: 'list',
  layout(scene, env) {
    const head = header(env, env.frame.safe, { icon: 'list', title: scene.title, description: scene.description });
    const items = scene.items.map((item) => (typeof item === 'string' ? { title: item } : item));
    const rows = itemRows(env, head.rest, items, {
      slot: 'items',
      startIndex: head.next,
      marker: (i) => (scene.numbered ? { label: String(i + 1) } : { icon: 'check' }),
    });
    return centerVertically([...head.elements, ...rows], env.frame.safe);
  },
});
