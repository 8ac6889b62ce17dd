package io.calicoj.datastore;

import io.calicoj.model.ResourceKey;

/**
 * One change from a datastore: a resource now has this value ({@link Upsert}) or no longer
 * exists ({@link Deletion}). Never "a null value means deleted".
 */
public sealed interface Update permits Upsert, Deletion {

    ResourceKey key();
}
