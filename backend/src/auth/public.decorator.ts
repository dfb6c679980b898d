import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'sluice:public';

/** Marks a route that needs no credentials (health checks). Every other route does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
