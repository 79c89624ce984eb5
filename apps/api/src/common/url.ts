/**
 * A request's URL as it may be written anywhere (a log line, a problem's `instance`): its path
 * only, since query strings may carry what must never be repeated (a beneficiary's first name
 * searched for, filters naming people), and a cheque's scanned QR payload in the path
 * (`PN1:<number>:<code>`, which the check accepts) shortened to `PN1:…`, since it holds the
 * cheque's security code.
 */
export function safePath(url: string): string {
  return url.split('?')[0].replace(/PN1(:|%3A)[^/]*/gi, 'PN1:…');
}
