package io.calicoj.cli.commands;

import io.calicoj.datastore.client.CalicoClient;
import io.calicoj.datastore.client.DatastoreException;

/** The four writes calicoctl makes, with the words its messages use. */
enum WriteAction {
    CREATE("create", "created"),
    APPLY("apply", "applied"),
    REPLACE("replace", "replaced"),
    DELETE("delete", "deleted");

    final String verb;
    final String past;

    WriteAction(String verb, String past) {
        this.verb = verb;
        this.past = past;
    }

    void perform(CalicoClient client, Writes.Target t) throws DatastoreException {
        switch (this) {
            case CREATE -> client.create(t.resource());
            case APPLY -> client.apply(t.resource());
            case REPLACE -> client.replace(t.resource());
            case DELETE -> client.delete(t.key());
            default -> throw new IllegalStateException();
        }
    }
}
