package io.calicoj.calc;

/** Hears which IP sets some active rule uses. */
interface IpSetActivationListener {
    void onIpSetActive(IpSetData ipSet);

    void onIpSetInactive(IpSetData ipSet);
}
