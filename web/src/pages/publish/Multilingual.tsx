// OWNER: helper h6
import { Page } from '../../ui/Page.tsx';

export function MultilingualPage() {
  return <Page title="Multilingual">{null}</Page>;
}
