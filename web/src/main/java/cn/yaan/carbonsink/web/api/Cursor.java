package cn.yaan.carbonsink.web.api;

import cn.yaan.carbonsink.shared.BusinessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way lists are paged: by a cursor naming the last row a client has seen (its time and id, the order every
 * list sorts by), never by an offset, so rows added meanwhile neither repeat nor hide others. The cursor is opaque
 * to clients (base64url); the next page's address travels in a {@code Link: <...>; rel="next"} header, relative to
 * the request, with every other parameter of the request kept; the last page has none.
 */
public record Cursor(Instant at, long id) {

    private static final Pattern TEXT = Pattern.compile("(-?\\d{1,19})\\.(\\d{1,9})\\.(\\d{1,19})");

    /** The cursor after a row sorted by {@code at}, then {@code id}. */
    public String text() {
        String plain = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a client sent back; null for none; 400 naming {@code cursor} for anything this did not write. */
    public static Cursor of(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            Matcher m = TEXT.matcher(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII));
            if (m.matches()) {
                return new Cursor(Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
                        Long.parseLong(m.group(3)));
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // refused below
        }
        throw BusinessException.invalid("cursor", "Not a cursor of this list: send back the cursor of the Link "
                + "header (rel=\"next\") unchanged, or none for the first page.");
    }

    /** The answer with a {@code Link} to the page after {@code next} (none when null). */
    public static Response.ResponseBuilder linkNext(Response.ResponseBuilder answer, UriInfo uri, Cursor next) {
        if (next != null) {
            String target = uri.getRequestUriBuilder().replaceQueryParam("cursor", next.text())
                    .replaceQueryParam("page").build().getRawPath();
            String query = uri.getRequestUriBuilder().replaceQueryParam("cursor", next.text())
                    .replaceQueryParam("page").build().getRawQuery();
            answer.header("Link", "<" + target + (query == null ? "" : "?" + query) + ">; rel=\"next\"");
        }
        return answer;
    }
}
