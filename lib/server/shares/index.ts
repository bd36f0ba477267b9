export { createShares, listMeetingAudit, listShares, resendShare, revokeShare } from './service';
export { CreateSharesInput } from './input';
export { toShareView, type ShareView } from './view';
export { addShareIdentity } from './store';
export type { ShareDeps } from './deps';
export { findInvitation, maskEmail, type Invitation } from './invitation';
