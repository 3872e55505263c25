package fi.tarjotin.source.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The next page's request, sent while the current page is handled: a source's latency and the import's
 * work overlap. Shared by the paged sources' readers, which send it on the client's
 * {@link ResilientHttpClient#requestsAhead() threads for requests ahead}.
 */
public final class Prefetch {

    private Prefetch() {
    }


    /**
     * The answer of a request sent ahead, with the I/O failure or interruption it met thrown as it was;
     * an interrupted wait cancels the request.
     */
    public static <T> T await(CompletableFuture<T> response) throws IOException, InterruptedException {
        try {
            return response.get();
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IOException(cause);
        }
    }
}
