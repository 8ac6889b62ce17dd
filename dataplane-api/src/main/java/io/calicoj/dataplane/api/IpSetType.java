package io.calicoj.dataplane.api;

/** The kernel set type an IP set needs. */
public enum IpSetType {
    /** Addresses ({@code hash:ip}): selector sets. */
    IP,
    /** Address, protocol and port ({@code hash:ip,port}): named-port sets. */
    IP_PORT,
    /** Networks ({@code hash:net}): IP pools. */
    NET
}
