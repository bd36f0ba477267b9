/**
 * What to fix, at the form's foot where the person pressed the button: every field message (from the
 * browser's own checks or the API's validation details), each a link to its field when the form
 * shows one, so nothing the server said is lost and nobody has to hunt for the red text.
 */
export function ErrorSummary({
  fields,
  describe,
}: {
  fields: Record<string, string>;
  /** The input's id and label for an API field path; undefined for a field the form has no input for. */
  describe: (key: string) => { id: string; label: string } | undefined;
}) {
  const entries = Object.entries(fields);
  if (entries.length === 0) return null;
  return (
    <div role="alert" className="banner banner--error" data-testid="error-summary">
      <p style={{ margin: 0 }}>{entries.length === 1 ? 'Fix this and try again:' : 'Fix these and try again:'}</p>
      <ul style={{ margin: '0.25rem 0 0', paddingLeft: '1.25rem' }}>
        {entries.map(([key, message]) => {
          const field = describe(key);
          return (
            <li key={key}>
              {field ? (
                <a href={`#${field.id}`}>
                  {field.label}: {message}
                </a>
              ) : (
                message
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
