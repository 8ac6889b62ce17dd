package io.calicoj.cni.install;

/** The install failed; the message names what and where. */
final class InstallException extends Exception {

    InstallException(String message) {
        super(message);
    }
}
