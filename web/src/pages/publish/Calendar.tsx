// OWNER: helper h6
import { Page } from '../../ui/Page.tsx';

export function CalendarPage() {
  return <Page title="Calendar">{null}</Page>;
}
