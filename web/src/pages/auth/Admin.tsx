// OWNER: helper h5
import { Page } from '../../ui/Page.tsx';

export function AdminPage() {
  return <Page title="Admin">{null}</Page>;
}
