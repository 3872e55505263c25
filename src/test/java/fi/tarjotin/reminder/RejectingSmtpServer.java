package fi.tarjotin.reminder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An SMTP server that refuses every recipient with {@code 550 5.1.1}, as a real server does for a mailbox
 * that does not exist: GreenMail accepts every address, so the permanent-failure path needs this.
 */
final class RejectingSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread thread;

    RejectingSmtpServer(int port) {
        try {
            socket = new ServerSocket(port, 5, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::serve, "rejecting-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept();
                    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                            StandardCharsets.US_ASCII));
                    PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                reply(out, "220 rejecting-smtp ready");
                String line;
                boolean open = true;
                while (open && (line = in.readLine()) != null) {
                    String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                    switch (command) {
                        case "RCPT" -> reply(out, "550 5.1.1 No such mailbox here");
                        case "QUIT" -> {
                            reply(out, "221 bye");
                            open = false;
                        }
                        case "DATA" -> reply(out, "503 5.5.1 No valid recipients");
                        default -> reply(out, "250 OK");
                    }
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
