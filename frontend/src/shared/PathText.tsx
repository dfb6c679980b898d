import { Fragment } from 'react';

/**
 * A page's path that a narrow column breaks before a slash (`/docs` then `/topic-12`) rather than anywhere
 * (`/docs/t` then `opic-12`); a segment too long for the column still breaks where it must.
 */
export function PathText({ path }: { path: string }) {
  const parts = path.split(/(?=\/)/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
