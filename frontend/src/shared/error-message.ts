/**
 * An API error message in the words of the form it answers: the API begins each of its reasons (joined by
 * `; `) with the field it is about, as the request names it (`currentPassword is not your current password`);
 * `labels` gives the form's own label for such a field. Other words are left as they are.
 */
export const labelledMessage = (message: string, labels: Readonly<Record<string, string>>): string =>
  message.replace(/(^|; )(\w+)/g, (reason, before: string, field: string) =>
    Object.hasOwn(labels, field) ? `${before}${labels[field]}` : reason,
  );
