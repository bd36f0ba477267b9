import 'server-only';

/**
 * Whether a raw (still percent-encoded) path has an escape that does not decode: `%ff`, `%E0%A4%A`.
 * Next decodes dynamic route segments itself and answers such paths with a 500; the proxy refuses
 * them first, as the bad input they are.
 */
export function hasMalformedEscape(rawPath: string): boolean {
  try {
    for (const segment of rawPath.split('/')) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}
