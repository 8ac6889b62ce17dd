package io.calicoj.cli.commands;

import io.calicoj.cli.resource.KindInfo;
import io.calicoj.cli.resource.ResourceKinds;
import java.util.Iterator;

/** Completion candidates for {@code <KIND>}: every name calicoctl accepts. */
final class KindNames implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return ResourceKinds.all().stream().flatMap((KindInfo k) -> k.names().stream()).iterator();
    }
}
