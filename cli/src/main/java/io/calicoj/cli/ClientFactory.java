package io.calicoj.cli;

import io.calicoj.datastore.client.CalicoClient;
import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.datastore.config.DatastoreConfig;

/** Opens the datastore a {@link DatastoreConfig} describes. Tests pass a fake. */
@FunctionalInterface
public interface ClientFactory {

    /**
     * @throws DatastoreException                                 when the datastore cannot be reached or used
     * @throws io.calicoj.datastore.config.ConfigException       when the configuration is incomplete or unreadable
     * @throws UnsupportedDatastoreException                     when this build cannot talk to that datastore
     */
    CalicoClient open(DatastoreConfig config) throws DatastoreException;
}
