package io.calicoj.sandbox;

import picocli.CommandLine;

/** The version line of every Calico/J tool. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"calico-sandbox (Calico/J) " + (v == null ? "development build" : v)};
    }
}
