/** How the activity log names where a request came from. Plain functions: the browser imports them. */

/** `::ffff:10.0.0.7` is IPv4 10.0.0.7 reached over an IPv6 socket: people know it as the IPv4 address. */
export function unwrapMappedIPv4(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped?.[1] ?? address;
}

function isLoopback(address: string): boolean {
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** "this computer" for the server's own machine (`::1`, 127.x), the address otherwise, "—" if unknown. */
export function readableSource(address: string | null | undefined): string {
  if (!address) return '—';
  const plain = unwrapMappedIPv4(address);
  return isLoopback(plain) ? 'this computer' : plain;
}
