package io.calicoj.calc;

import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetType;

/**
 * Hears IP sets and their members change. Members of a set are only added while absent and
 * removed while present; a set is added before its members and removed with them.
 */
interface IpSetListener {
    void onIpSetAdded(String id, IpSetType type);

    void onMemberAdded(String id, IpSetMember member);

    void onMemberRemoved(String id, IpSetMember member);

    void onIpSetRemoved(String id);
}
