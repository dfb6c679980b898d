/** The entries of `values` that are set: a DTO's optional fields left out arrive as `undefined`. */
export const defined = <T extends object>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
