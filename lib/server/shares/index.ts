export { createShares, listMeetingAudit, listShares, resendShare, revokeShare } from './service';
export { CreateSharesInput } from './input';
export { addShareIdentity } from './store';
export { findInvitationPage, invitationPageOf, type InvitationPage } from './invitation-page';
