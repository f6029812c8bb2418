// OWNER: helper h5
import { Page } from '../../ui/Page.tsx';

export function SettingsPage() {
  return <Page title="Settings">{null}</Page>;
}
