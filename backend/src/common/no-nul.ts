import { ValidateBy } from 'class-validator';

/** PostgreSQL's text holds no NUL character: refused here, rather than failing in the database. */
export const NoNul = () =>
  ValidateBy({
    name: 'noNul',
    validator: {
      validate: (value) => typeof value !== 'string' || !value.includes('\u0000'),
      defaultMessage: () => '$property must not contain the NUL character',
    },
  });
