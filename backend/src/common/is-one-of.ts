import { IsIn } from 'class-validator';

/** One of a fixed list of values, the list named in the 400. */
export const IsOneOf = (values: readonly string[]) =>
  IsIn(values, { message: `$property must be one of ${values.join(', ')}` });
