package io.calicoj.dataplane.ipsets;

/** How far the kernel's copy of an IP set can be trusted, as the rules that use it must know. */
public enum IpSetState {
    /** The set holds exactly the members it was told. */
    COMPLETE,
    /** Some members were left out (the kernel would refuse them); none is there that should not be. */
    INCOMPLETE,
    /** The set could not be programmed: it may be missing, stale or half-written. No rule may refer to it. */
    UNKNOWN
}
