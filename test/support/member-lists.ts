/** A held member list (sorted in blocks) as plain arrays, to compare with a built one. */
import type {HeldMemberList} from '../../src/domain/member-list-changes.js';
import type {MemberList} from '../../src/domain/member-list.js';

export function plainMemberList(list: HeldMemberList): MemberList {
	return {...list, joined: [...list.joined], invited: [...list.invited], banned: [...list.banned], left: [...list.left]};
}
