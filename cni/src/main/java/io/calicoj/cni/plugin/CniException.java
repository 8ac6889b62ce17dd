package io.calicoj.cni.plugin;

/**
 * A CNI error: printed to stdout as {@code {"cniVersion", "code", "msg", "details"}} with a non-zero
 * exit. Codes 1–99 are the spec's well-known ones; 100 and up are this plugin's. The message and
 * details never carry a token or key.
 */
public final class CniException extends Exception {

    /** The network configuration's {@code cniVersion} is not one this plugin supports. */
    public static final int INCOMPATIBLE_VERSION = 1;
    /** A {@code CNI_*} variable is missing or invalid; the message names it. */
    public static final int INVALID_ENVIRONMENT = 4;
    /** Reading stdin failed. */
    public static final int IO_FAILURE = 5;
    /** The network configuration is not JSON. */
    public static final int DECODING_FAILURE = 6;
    /** The network configuration is JSON but wrong; the message names the field and value. */
    public static final int INVALID_NETWORK_CONFIG = 7;
    /** A transient condition (API server unreachable or overloaded): the runtime should retry. */
    public static final int TRY_AGAIN_LATER = 11;

    /** Anything else that went wrong inside the plugin. */
    public static final int PLUGIN = 100;
    /** The IPAM plugin failed or returned no usable address. */
    public static final int IPAM = 101;
    /** Creating or removing the veth, its addresses, routes or sysctls failed. */
    public static final int DATAPLANE = 102;
    /** The Kubernetes API refused a request, or the node has no pod CIDR. */
    public static final int KUBERNETES = 103;
    /** CHECK found the pod's networking not as ADD left it. */
    public static final int CHECK_FAILED = 104;

    private final int code;
    private final String details;

    public CniException(int code, String msg, String details) {
        super(msg);
        if (code <= 0) {
            throw new IllegalArgumentException("code: must be positive, got " + code);
        }
        this.code = code;
        this.details = details == null ? "" : details;
    }

    public CniException(int code, String msg) {
        this(code, msg, "");
    }

    public CniException(int code, String msg, Throwable cause) {
        this(code, msg, "");
        initCause(cause);
    }

    public int code() {
        return code;
    }

    public String msg() {
        return getMessage();
    }

    /** The long form; empty when there is none. */
    public String details() {
        return details;
    }
}
