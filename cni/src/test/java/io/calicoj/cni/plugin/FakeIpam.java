package io.calicoj.cni.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IPAM plugin in memory, behaving like host-local: one address per container, a second ADD for
 * the same container is refused, DEL of nothing succeeds. Records every configuration it was given.
 */
final class FakeIpam implements Ipam {

    final Map<String, String> allocations = new LinkedHashMap<>();
    final List<String> configs = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    private int next = 2;
    private CniException failNextAdd;
    private CniException failDel;

    void failNextAdd(CniException e) {
        failNextAdd = e;
    }

    void failDel(CniException e) {
        failDel = e;
    }

    @Override
    public IpamResult add(String type, String config, CniRequest request) throws CniException {
        calls.add("ADD " + request.containerId());
        configs.add(config);
        if (failNextAdd != null) {
            CniException e = failNextAdd;
            failNextAdd = null;
            throw e;
        }
        if (allocations.containsKey(request.containerId())) {
            throw new CniException(CniException.IPAM, "duplicate allocation is not allowed for " + request.containerId());
        }
        String ip = "10.244.1." + next++;
        allocations.put(request.containerId(), ip);
        return new IpamResult(List.of(new IpamResult.Address(ip, 24, "10.244.1.1")), List.of(), null);
    }

    @Override
    public void del(String type, String config, CniRequest request) throws CniException {
        calls.add("DEL " + request.containerId());
        configs.add(config);
        if (failDel != null) {
            throw failDel;
        }
        allocations.remove(request.containerId());
    }

    @Override
    public void check(String type, String config, CniRequest request) throws CniException {
        calls.add("CHECK " + request.containerId());
        configs.add(config);
        if (!allocations.containsKey(request.containerId())) {
            throw new CniException(CniException.IPAM, "no address for " + request.containerId());
        }
    }
}
