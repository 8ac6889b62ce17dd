/**
 * Felix's Linux dataplane in Java.
 *
 * <ul>
 *   <li>{@code rules}: pure rendering of {@code DataplaneUpdate} content into iptables chains (Felix's
 *       names, marks, layout);</li>
 *   <li>{@code iptables}: chain and rule values, rule hashes, and the {@code Table} that reconciles
 *       desired chains with the kernel through {@code iptables-restore}/{@code iptables-save};</li>
 *   <li>{@code ipsets}: IP set names and the {@code IpSets} reconciler ({@code ipset restore});</li>
 *   <li>{@code linux}: the managers and the {@code LinuxDataplaneDriver} that orders the writes.</li>
 * </ul>
 */
package io.calicoj.dataplane;
