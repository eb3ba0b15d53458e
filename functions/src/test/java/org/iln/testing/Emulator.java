package org.iln.testing;

import java.net.URI;
import java.util.List;

/** A running AWS emulator the tests talk to over HTTP. */
interface Emulator extends AutoCloseable {

    /** The region every client uses. */
    String REGION = org.iln.localaws.MotoServer.REGION;

    /** Its name, for messages. */
    String name();

    /** Where it answers. */
    URI endpoint();

    /** Forgets all state (tables, identities, sent mail). */
    void reset();

    /** Raw MIME of every message it accepted since the last reset, oldest first. */
    List<String> sentRawMail();

    @Override
    void close();
}
