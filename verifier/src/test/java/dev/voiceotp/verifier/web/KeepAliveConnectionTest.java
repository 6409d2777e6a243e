package dev.voiceotp.verifier.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.voiceotp.verifier.Verifications;
import dev.voiceotp.verifier.VerifierIntegrationTest;

/**
 * One HTTP/1.1 connection keeps being served whatever mix of answers it carries: a check (answered once Redis replied)
 * followed at once by a request answered on the spot (a number that is not one). Load balancers and producer backends
 * keep their connections and may send the next request before the server has finished with the previous one; the
 * server must then queue it and go on reading, never leave the connection silent.
 */
class KeepAliveConnectionTest extends VerifierIntegrationTest {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    @LocalServerPort
    private int port;

    @Test
    void shouldAnswerEveryRequestOfAPipelinedKeepAliveConnection() throws IOException {
        String phoneNumber = Verifications.uniquePhoneNumber();
        verifications.pending(SHOP, phoneNumber, "314159");

        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int round = 0; round < 20; round++) {
                // the check waits for Redis; the bad number is answered while the check is still open
                out.write((get("/verify_otp/" + phoneNumber.substring(1) + "/000000") + get("/verify_otp/12/314159")).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(List.of(readStatus(in), readStatus(in))).as("round %d", round).containsExactly(200, 400);
            }
            // and the connection still takes a request on its own afterwards
            out.write(get("/verify_otp/12/314159").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readStatus(in)).isEqualTo(400);
        }
    }

    private String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n";
    }

    /** Reads one whole response (head, then the body its Content-Length announces) and returns its status. */
    private static int readStatus(InputStream in) throws IOException {
        String head = readHead(in);
        Matcher status = STATUS_LINE.matcher(head);
        assertThat(status.lookingAt()).as("a status line in %s", head).isTrue();
        Matcher length = CONTENT_LENGTH.matcher(head);
        assertThat(length.find()).as("a Content-Length in %s", head).isTrue();
        in.readNBytes(Integer.parseInt(length.group(1)));
        return Integer.parseInt(status.group(1));
    }

    private static String readHead(InputStream in) throws IOException {
        List<Byte> bytes = new ArrayList<>();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed after " + bytes.size() + " bytes of a response head");
            }
            bytes.add((byte) next);
            matched = next == end[matched] ? matched + 1 : (next == end[0] ? 1 : 0);
        }
        byte[] head = new byte[bytes.size()];
        for (int i = 0; i < head.length; i++) {
            head[i] = bytes.get(i);
        }
        return new String(head, StandardCharsets.US_ASCII);
    }
}
