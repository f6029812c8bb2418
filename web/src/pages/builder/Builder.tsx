// OWNER: helper h1
import { Page } from '../../ui/Page.tsx';

export function BuilderPage() {
  return <Page title="Builder">{null}</Page>;
}
