/** Marks an error that first happened in the range; the space after it keeps "New" a word of its own when read. */
export function NewBadge() {
  return (
    <>
      <span className="errors-new">New</span>{' '}
    </>
  );
}
