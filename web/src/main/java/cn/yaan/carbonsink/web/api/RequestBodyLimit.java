package cn.yaan.carbonsink.web.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@value #MAX_BYTES} bytes with a 413 problem: at once when Content-Length says so,
 * otherwise as soon as a chunked body passes the limit while it is read. Nothing is processed for such a request.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestBodyLimit implements ContainerRequestFilter {

    public static final int MAX_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > MAX_BYTES) {
            request.abortWith(new TooLarge().getResponse());
            return;
        }
        request.setEntityStream(new Limited(request.getEntityStream()));
    }

    /** The body passed the limit while being read. */
    public static class TooLarge extends WebApplicationException {
        public TooLarge() {
            super(Problem.of(413, "Content Too Large", "payload-too-large",
                    "The request body is larger than 1 MiB.").response().build());
        }
    }

    private static final class Limited extends FilterInputStream {
        private long count;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            count += n;
            if (count > MAX_BYTES) {
                throw new TooLarge();
            }
        }
    }
}
