// OWNER: helper h4
import { Page } from '../../ui/Page.tsx';

export function VideoPage() {
  return <Page title="Video">{null}</Page>;
}
