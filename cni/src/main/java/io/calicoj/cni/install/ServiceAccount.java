package io.calicoj.cni.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The pod's service account token and CA; the token is never printed. */
record ServiceAccount(String token, String caPem) {

    static ServiceAccount read(Path dir) throws InstallException {
        Path token = dir.resolve("token");
        Path ca = dir.resolve("ca.crt");
        try {
            return new ServiceAccount(Files.readString(token).strip(), Files.exists(ca) ? Files.readString(ca) : "");
        } catch (IOException e) {
            throw new InstallException("cannot read the service account token " + token + ": " + e.getMessage());
        }
    }

    /** What may be printed of {@code text}: the token replaced. */
    String redact(String text) {
        return token.isEmpty() ? text : text.replace(token, "<redacted>");
    }

    @Override
    public String toString() {
        return "ServiceAccount[token=<redacted>, ca=" + (caPem.isEmpty() ? "none" : "present") + "]";
    }
}
