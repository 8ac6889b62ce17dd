package io.calicoj.calc;

import io.calicoj.model.felix.FelixProfile;

/** Hears profiles (rules and the labels their endpoints inherit) come, change and go. */
interface ProfileListener {
    void onProfileUpdate(FelixProfile profile);

    void onProfileRemoved(String name);
}
