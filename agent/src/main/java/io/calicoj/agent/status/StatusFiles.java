package io.calicoj.agent.status;

import java.io.IOException;
import java.util.Set;

/**
 * The directory of Calico's endpoint status files ({@code <EndpointStatusPathPrefix>/endpoint-status}),
 * as the reporter needs it: list, write whole files atomically, delete them, clear it. The CNI plugin reads it.
 */
public interface StatusFiles {

    /** The names of the files there (none when the directory does not exist). */
    Set<String> list() throws IOException;

    /**
     * Writes the file so that a reader sees either the old content or all of the new one, never a
     * part, and never through a file someone else placed there.
     */
    void write(String name, String content) throws IOException;

    /** Deletes the file; one that is not there is fine. */
    void delete(String name) throws IOException;

    /** Deletes every file there (at start: nothing is programmed yet). */
    void deleteAll() throws IOException;
}
