// OWNER: helper h4
import { Page } from '../../ui/Page.tsx';

export function LibraryPage() {
  return <Page title="Library">{null}</Page>;
}
