// OWNER: helper h3
import { Page } from '../../ui/Page.tsx';

export function CreatePage() {
  return <Page title="New video">{null}</Page>;
}
