// OWNER: helper h2
import { Page } from '../ui/Page.tsx';

export function PreviewWindowPage() {
  return <Page title="Preview">{null}</Page>;
}
