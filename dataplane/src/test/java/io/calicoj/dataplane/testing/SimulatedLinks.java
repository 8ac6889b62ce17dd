package io.calicoj.dataplane.testing;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A simulated {@code ip} (links and IPv4 routes: {@code ip -o link show}, {@code ip -4 route show},
 * {@code ip [-force] -batch -} with {@code route replace}/{@code route del}) and {@code sysctl}
 * ({@code -n key}, {@code -w key=value …}, keys with {@code /} or {@code .}). Writing the sysctl
 * of an interface that does not exist fails, as {@code /proc/sys/net/ipv4/conf/<if>} would be missing.
 */
public final class SimulatedLinks {

    private final Map<String, Integer> links = new TreeMap<>();
    private final Set<String> routes = new TreeSet<>();
    private final Map<String, String> sysctls = new TreeMap<>();
    private int nextIndex = 2;

    public SimulatedLinks() {
        links.put("lo", 1);
        sysctls.put("net.ipv4.conf.default.rp_filter", "1");
    }

    /** A veth appears (a new index each time, as a re-created interface gets). */
    public void addLink(String name) {
        links.put(name, nextIndex++);
    }

    /** The interface goes away with its routes and sysctls. */
    public void removeLink(String name) {
        links.remove(name);
        routes.removeIf(r -> r.endsWith(" dev " + name));
        sysctls.keySet().removeIf(k -> k.contains("." + name + "."));
    }

    /** Routes as {@code <cidr> dev <iface>}. */
    public Set<String> routes() {
        return Set.copyOf(routes);
    }

    public String sysctl(String key) {
        return sysctls.get(key.replace('/', '.'));
    }

    CommandResult ip(Command c) {
        List<String> a = c.argv();
        if (a.contains("link")) {
            StringBuilder sb = new StringBuilder();
            links.forEach((n, i) -> sb.append(i).append(": ").append(n).append(n.equals("lo") ? "" : "@if2")
                    .append(": <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT\\    link/ether\n"));
            return new CommandResult(c, 0, sb.toString(), "");
        }
        if (a.contains("-batch")) {
            StringBuilder err = new StringBuilder();
            for (String line : c.stdin().split("\n")) {
                List<String> w = Tokens.split(line);
                if (w.size() < 5 || !w.get(0).equals("route")) {
                    continue;
                }
                String dest = w.get(2).contains("/") ? w.get(2) : w.get(2) + "/32";
                String dev = w.get(w.indexOf("dev") + 1);
                if (!links.containsKey(dev)) {
                    err.append("Cannot find device \"").append(dev).append("\"\n");
                    continue;
                }
                if (w.get(1).equals("replace")) {
                    routes.removeIf(r -> r.startsWith(dest + " "));
                    routes.add(dest + " dev " + dev);
                } else if (!routes.remove(dest + " dev " + dev)) {
                    err.append("RTNETLINK answers: No such process\n");
                }
            }
            return new CommandResult(c, err.length() == 0 ? 0 : 1, "", err.toString());
        }
        if (a.contains("route")) {
            StringBuilder sb = new StringBuilder();
            for (String r : routes) {
                String[] p = r.split(" ");
                String dest = p[0].endsWith("/32") ? p[0].substring(0, p[0].length() - 3) : p[0];
                sb.append(dest).append(" dev ").append(p[2]).append(" proto boot scope link\n");
            }
            return new CommandResult(c, 0, sb.toString(), "");
        }
        return new CommandResult(c, 1, "", "simulated ip: unsupported " + a + "\n");
    }

    CommandResult sysctl(Command c) {
        List<String> a = c.argv();
        if (a.contains("-n")) {
            String v = sysctls.get(a.get(a.size() - 1).replace('/', '.'));
            return v == null ? new CommandResult(c, 255, "", "sysctl: cannot stat\n") : new CommandResult(c, 0, v + "\n", "");
        }
        for (String arg : a) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = arg.substring(0, eq).replace('/', '.');
            String[] parts = key.split("\\.");
            if (parts.length >= 5 && (parts[2].equals("conf") || parts[2].equals("neigh")) && !parts[3].equals("default")
                    && !parts[3].equals("all") && !links.containsKey(parts[3])) {
                return new CommandResult(c, 255, "", "sysctl: cannot stat /proc/sys/" + key.replace('.', '/') + ": No such file or directory\n");
            }
            sysctls.put(key, arg.substring(eq + 1));
        }
        return new CommandResult(c, 0, "", "");
    }
}
