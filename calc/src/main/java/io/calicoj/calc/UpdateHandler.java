package io.calicoj.calc;

import io.calicoj.datastore.Update;

/** Takes datastore updates one at a time. */
@FunctionalInterface
interface UpdateHandler {
    void onUpdate(Update update);
}
