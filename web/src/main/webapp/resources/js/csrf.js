// The signed-in session's anti-forgery token, from the page's <meta name="csrf-token">: the API refuses a change
// made with the session cookie unless it carries this header (a page of another site can neither read the token
// nor add a header to a plain form).
export function withCsrf(headers = {}) {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta && meta.content ? { ...headers, 'X-CSRF-Token': meta.content } : headers;
}
