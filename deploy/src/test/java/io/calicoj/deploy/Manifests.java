package io.calicoj.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The manifests in deploy/, parsed into fabric8's typed model. */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    /** The deploy module's directory (Maven runs tests there; {@code basedir} says so). */
    static Path dir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    /** The repository root. */
    static Path root() {
        return dir().getParent();
    }

    static Path calicoYaml() {
        return dir().resolve("calico.yaml");
    }

    static Path calicoctlYaml() {
        return dir().resolve("calicoctl.yaml");
    }

    /** Every object of a (multi-document) manifest, in order. */
    static List<HasMetadata> load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = SERIALIZATION.unmarshal(in);
            List<HasMetadata> out = new ArrayList<>();
            if (parsed instanceof List<?> list) {
                for (Object o : list) {
                    out.add((HasMetadata) o);
                }
            } else if (parsed != null) {
                out.add((HasMetadata) parsed);
            }
            return out;
        }
    }

    static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> kind, String name) {
        List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind.getSimpleName() + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    static Container container(DaemonSet ds, String name) {
        return ds.getSpec().getTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in DaemonSet " + ds.getMetadata().getName()));
    }

    /**
     * Fields the typed model does not know (fabric8 keeps them in {@code additionalProperties}): the
     * API server would refuse them with strict field validation, or drop them — a typo either way.
     *
     * @return {@code path: field} for each, empty when the object is clean
     */
    static List<String> unknownFields(Object object) {
        List<String> out = new ArrayList<>();
        walk(object, "", out);
        return out;
    }

    private static void walk(Object o, String path, List<String> out) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "[" + k + "]", out));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method method : o.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = method.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> out.add((path.isEmpty() ? "" : path + ".") + k));
                }
                continue;
            }
            String field = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
            walk(value instanceof Optional<?> opt ? opt.orElse(null) : value, path.isEmpty() ? field : path + "." + field, out);
        }
    }
}
