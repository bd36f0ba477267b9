export {
  confirmLink,
  peekLink,
  requestSignIn,
  verifyCode,
  linkRefusalMessage,
  type LinkState,
  type SignedIn,
} from './sign-in';
export { issueShareToken, type ShareToken, type MeetingLocator, type GuestRequest } from './token';
export { reportGuestStatus } from './status';
export { guestSessionCookie, guestTokenFromCookieHeader, findGuestSession, GUEST_COOKIE } from './sessions';
export { defaultGuestDeps, type GuestDeps } from './deps';
export { guestPage, type GuestPageState } from './page';
export { signedInResponse } from './respond';
