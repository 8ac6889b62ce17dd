package io.calicoj.calc;

import java.util.Map;

/** Hears the merged Felix configuration from the datastore. */
interface ConfigListener {
    void onConfigUpdate(Map<String, String> config);
}
