/**
 * TLS to the Kubernetes API, one policy for every client (the lean one and calico-felix's fabric8
 * one): {@link io.calicoj.kube.tls.KubeTls} trusts exactly the configured CA (else the JDK's trust
 * store), checks the server's name by kubectl's rules and presents the client certificate;
 * {@link io.calicoj.kube.tls.TlsAhead} does a short-lived program's first handshake's cold work ahead.
 */
package io.calicoj.kube.tls;
