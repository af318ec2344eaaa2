package io.dbferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of a test server, which a test can kill (every connection closed, as
 * when the server process dies) or freeze (connections kept open, nothing forwarded either way, as when
 * the server stops answering). Daemon threads only; {@link #close()} ends it all.
 */
public final class LoopbackProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String host;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;
    private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
    private volatile long killAt = Long.MAX_VALUE;

    public LoopbackProxy(String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Every connection through the proxy is closed at once; new ones are forwarded (the server is back). */
    public void kill() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.clear();
        frozen = false;
    }

    /** Kills every connection once {@code bytes} more have gone from the clients to the server. */
    public void killAfter(long bytes) {
        killAt = sent.get() + bytes;
    }

    /** Nothing more is forwarded, in either direction; the connections stay open until {@link #kill()}. */
    public void freeze() {
        frozen = true;
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void accept() {
        try {
            while (!listener.isClosed()) {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(host, port), 5000);
                sockets.add(client);
                sockets.add(server);
                daemon(() -> pump(client, server, true));
                daemon(() -> pump(server, client, false));
            }
        } catch (IOException ignored) {
            // the listener was closed
        }
    }

    private void pump(Socket from, Socket to, boolean toServer) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                while (frozen && !from.isClosed() && !to.isClosed()) {
                    Thread.sleep(50); // hold what was read; read no more, so the sender's buffers fill
                }
                out.write(buffer, 0, n);
                out.flush();
                if (toServer && sent.addAndGet(n) >= killAt) {
                    killAt = Long.MAX_VALUE;
                    kill();
                }
            }
        } catch (IOException | InterruptedException ignored) {
            // one side closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "loopback-proxy");
        thread.setDaemon(true);
        thread.start();
    }
}
