// OWNER: helper h6
import { Page } from '../../ui/Page.tsx';

export function PublicationsPage() {
  return <Page title="Publications">{null}</Page>;
}
