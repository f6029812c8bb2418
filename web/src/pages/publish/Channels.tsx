// OWNER: helper h6
import { Page } from '../../ui/Page.tsx';

export function ChannelsPage() {
  return <Page title="Channels">{null}</Page>;
}
