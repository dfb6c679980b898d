import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Min } from 'class-validator';

const RULE = '$property must be a positive integer';

/** Plain digits (no `1e3`, `0x10`, `1.0` or `-1`); anything else becomes NaN, which the rule refuses. */
const toRouteId = (value: unknown) =>
  typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;

/** A row's id in a route (`:userId`, `:keyId`): a positive integer. */
export const IsRouteId = () =>
  applyDecorators(
    Transform(({ value }) => toRouteId(value)),
    IsInt({ message: RULE }),
    Min(1, { message: RULE }),
  );
