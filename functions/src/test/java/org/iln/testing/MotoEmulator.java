package org.iln.testing;

import java.net.URI;
import java.util.List;
import org.iln.localaws.MotoServer;

/** The default emulator: {@link MotoServer} from iln-local-aws, the one way we run moto. */
final class MotoEmulator implements Emulator {

    private final MotoServer server;

    private MotoEmulator(MotoServer server) {
        this.server = server;
    }

    static MotoEmulator start() {
        return new MotoEmulator(MotoServer.start());
    }

    @Override
    public String name() {
        return "moto";
    }

    @Override
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void reset() {
        server.reset();
    }

    @Override
    public List<String> sentRawMail() {
        return server.sentRawMail();
    }

    @Override
    public void close() {
        server.close();
    }
}
