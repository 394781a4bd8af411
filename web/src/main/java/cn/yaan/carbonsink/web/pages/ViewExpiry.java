package cn.yaan.carbonsink.web.pages;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A form posted with a view state the server does not know: the view expired with the session (or was pushed out by
 * newer ones), or the state was forged. The server cannot tell the two apart, and neither deserves a stack trace:
 * the answer is 400 with the expired page, which links back to the page the form was on, with its parameters (read
 * from the same-origin {@code Referer}), and the log gets one line. An Ajax request, whose errors Faces answers
 * itself, is sent back to that page by {@link AjaxExceptions} (registered in faces-config.xml).
 */
@WebFilter(servletNames = "Faces")
public class ViewExpiry extends HttpFilter {

    static final String BACK = "carbonsink.expired.back";
    private static final String PAGE = "/WEB-INF/errorpages/expired.xhtml";
    private static final Logger LOG = Logger.getLogger(ViewExpiry.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException e) {
            if (!expired(e) || response.isCommitted()) {
                throw e;
            }
            logRefusal(request);
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            request.setAttribute(BACK, back(request));
            // Rendered as a fresh page: the refused state and the rest of the form are not looked at again.
            request.getRequestDispatcher(PAGE).forward(new FreshRequest(request), response);
        }
    }

    private static void logRefusal(HttpServletRequest request) {
        LOG.info(() -> "Form post to " + request.getRequestURI() + " refused: its view state is unknown (expired or forged)");
    }

    private static boolean expired(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ViewExpiredException) {
                return true;
            }
        }
        return false;
    }

    /** The page the form was on, with its parameters; only a path of this site, never another host. */
    static String back(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer != null) {
            try {
                URI uri = URI.create(referer);
                String path = uri.getRawPath();
                if (uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(request.getHeader("Host"))
                        && path != null && path.startsWith(request.getContextPath() + "/") && !path.contains("/WEB-INF/")) {
                    return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                }
            } catch (IllegalArgumentException notAUri) {
                // fall back to the address the form was posted to
            }
        }
        return request.getRequestURI();
    }

    /** Sends an Ajax request whose view state is unknown back to its page (Faces' partial-response redirect). */
    public static class AjaxExceptions extends ExceptionHandlerFactory {
        public AjaxExceptions(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ExceptionHandlerWrapper(getWrapped().getExceptionHandler()) {
                @Override
                public void handle() {
                    FacesContext faces = FacesContext.getCurrentInstance();
                    Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
                    while (faces.getPartialViewContext().isAjaxRequest() && events.hasNext()) {
                        if (expired(events.next().getContext().getException())) {
                            events.remove();
                            HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
                            logRefusal(request);
                            try {
                                faces.getExternalContext().redirect(back(request));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            faces.responseComplete();
                        }
                    }
                    getWrapped().handle();
                }
            };
        }
    }

    /** The same request seen as a plain GET without parameters, so that Faces renders the page afresh. */
    private static final class FreshRequest extends HttpServletRequestWrapper {
        FreshRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }

        @Override
        public String getQueryString() {
            return null;
        }
    }
}
