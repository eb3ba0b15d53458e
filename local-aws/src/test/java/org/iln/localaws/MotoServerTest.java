package org.iln.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import org.junit.jupiter.api.Test;

class MotoServerTest {

    @Test
    void it_answers_on_loopback_and_leaves_no_process_or_log_behind_when_closed() throws Exception {
        // given
        MotoServer moto = MotoServer.start();
        long pid = moto.pid();
        assertThat(moto.log()).exists();

        // when
        try (Socket socket = new Socket(moto.endpoint().getHost(), moto.endpoint().getPort())) {
            assertThat(socket.isConnected()).isTrue();
        }
        assertThat(moto.sentRawMail()).isEmpty();
        moto.close();

        // then
        assertThat(moto.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(moto.log()).doesNotExist();
        moto.close(); // twice is harmless
    }
}
