import type { ElementContext } from '../src/naming/element-context.js';

/** An autocaptured button on `/` with nothing else known about it, but `fields`. */
export const element = (fields: Partial<ElementContext>): ElementContext => ({
  eventName: '$autocapture',
  tag: 'button',
  id: '',
  classes: '',
  text: '',
  selector: '',
  href: '',
  landmark: '',
  path: '/',
  ...fields,
});
