package cn.yaan.carbonsink.it.pay;

import java.util.logging.Level;
import java.util.logging.Logger;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local server that speaks WeChat Pay API v3 as documented, for the test run: it checks the merchant's request
 * signatures ({@code Authorization: WECHATPAY2-SHA256-RSA2048 ...}) with the merchant's public key, signs every answer
 * with the platform's private key ({@code Wechatpay-Serial/-Timestamp/-Nonce/-Signature}, the message
 * {@code timestamp\nnonce\nbody\n}), and sends notifications signed the same way with the resource encrypted by
 * AEAD_AES_256_GCM under the APIv3 key, so that the server's SDK verifies and decrypts them unmodified. It keeps its
 * orders and refunds in memory: prepay (Native, H5, JSAPI), query by out_trade_no, close, refund; a buyer pays on
 * its H5 page or through {@link #pay}. A paid order cannot be closed (ORDERPAID) and a closed one cannot be paid.
 */
public final class WeChatPayStub {

    private static final Logger LOG = Logger.getLogger(WeChatPayStub.class.getName());

    /** An order as WeChat Pay holds it. */
    public static final class Trade {
        public final String outTradeNo;
        public final long total;
        public final String notifyUrl;
        public final String tradeType;
        public volatile String state = "NOTPAY";
        public volatile String transactionId;
        public volatile OffsetDateTime paidAt;

        Trade(String outTradeNo, long total, String notifyUrl, String tradeType) {
            this.outTradeNo = outTradeNo;
            this.total = total;
            this.notifyUrl = notifyUrl;
            this.tradeType = tradeType;
        }
    }

    private static final Pattern AUTH = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static volatile WeChatPayStub running;

    private final Undertow server;
    private final int port;
    private final TestMerchantKeys keys;
    private final Map<String, Trade> trades = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> refunds = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    /** The next refund requests are refused with this error code (NOT_ENOUGH...), or accepted when null. */
    public volatile String refuseRefundsWith;
    /** Whether refunds are reported by notification (else they stay PROCESSING until {@link #settleRefund}). */
    public volatile boolean notifyRefunds = true;
    public volatile int refusedSignatures;
    /** How many refund requests came for each out_refund_no, refused or not. */
    public final Map<String, java.util.concurrent.atomic.AtomicInteger> refundRequests = new ConcurrentHashMap<>();

    private WeChatPayStub(int port, TestMerchantKeys keys) throws IOException {
        this.keys = keys;
        this.port = port;
        server = Undertow.builder().addHttpListener(port, "127.0.0.1").setWorkerThreads(8).setHandler(x -> {
            if (x.isInIoThread()) {
                x.dispatch(this::handle);
                return;
            }
            handle(x);
        }).build();
        server.start();
    }

    public static synchronized WeChatPayStub start(int port, TestMerchantKeys keys) {
        if (running == null) {
            try {
                running = new WeChatPayStub(port, keys);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start the WeChat Pay stub on port " + port, e);
            }
        }
        return running;
    }

    public static WeChatPayStub get() {
        if (running == null) {
            throw new IllegalStateException("The WeChat Pay stub is not running (TestServer starts it)");
        }
        return running;
    }

    public int port() {
        return port;
    }

    public Optional<Trade> trade(String outTradeNo) {
        return Optional.ofNullable(trades.get(outTradeNo));
    }

    public Optional<JsonObject> refund(String outRefundNo) {
        return Optional.ofNullable(refunds.get(outRefundNo));
    }

    // ------------------------------------------------------------------ the API

    private void handle(HttpServerExchange x) {
        x.startBlocking();
        try {
            String body = new String(x.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String path = x.getRequestPath();
            String method = x.getRequestMethod().toString();
            if (path.startsWith("/h5pay")) {
                h5Page(x, body);
                return;
            }
            if (!authorized(x, body)) {
                refusedSignatures++;
                answer(x, 401, error("SIGN_ERROR", "签名错误"));
                return;
            }
            if (method.equals("POST") && path.matches("/v3/pay/transactions/(native|h5|jsapi)")) {
                prepay(x, path.substring(path.lastIndexOf('/') + 1), read(body));
            } else if (method.equals("GET") && path.startsWith("/v3/pay/transactions/out-trade-no/")) {
                query(x, path.substring("/v3/pay/transactions/out-trade-no/".length()));
            } else if (method.equals("POST") && path.matches("/v3/pay/transactions/out-trade-no/[^/]+/close")) {
                close(x, path.split("/")[5]);
            } else if (method.equals("GET") && path.equals("/v3/bill/tradebill")) {
                tradeBill(x, form(x.getQueryString()).getOrDefault("bill_date", ""));
            } else if (method.equals("GET") && path.equals("/v3/billdownload/file")) {
                download(x, form(x.getQueryString()).getOrDefault("token", ""));
            } else if (method.equals("POST") && path.equals("/v3/refund/domestic/refunds")) {
                refund(x, read(body));
            } else {
                answer(x, 404, error("NOT_FOUND", "no such API " + method + " " + path));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "The stand-in could not answer " + x.getRequestPath(), e);
            x.setStatusCode(500);
        } finally {
            x.endExchange();
        }
    }

    /** The merchant's signature: {@code METHOD\nURL\ntimestamp\nnonce\nbody\n} with its API key. */
    private boolean authorized(HttpServerExchange x, String body) {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("WECHATPAY2-SHA256-RSA2048 ")) {
            return false;
        }
        Map<String, String> fields = new ConcurrentHashMap<>();
        Matcher m = AUTH.matcher(auth);
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        if (!TestMerchantKeys.MERCHANT_ID.equals(fields.get("mchid"))
                || !TestMerchantKeys.MERCHANT_SERIAL.equals(fields.get("serial_no"))) {
            return false;
        }
        String url = x.getRequestURI() + (x.getQueryString().isEmpty() ? "" : "?" + x.getQueryString());
        String message = x.getRequestMethod() + "\n" + url + "\n" + fields.get("timestamp") + "\n"
                + fields.get("nonce_str") + "\n" + body + "\n";
        return TestMerchantKeys.verify(keys.merchant.getPublic(), message, fields.getOrDefault("signature", ""));
    }

    private void prepay(HttpServerExchange x, String type, JsonObject r) throws IOException {
        String no = r.getString("out_trade_no");
        long total = r.getJsonObject("amount").getJsonNumber("total").longValueExact();
        Trade existing = trades.get(no);
        if (existing != null && existing.total != total) {
            answer(x, 400, error("INVALID_REQUEST", "201 商户订单号重复"));
            return;
        }
        if (existing != null && !existing.state.equals("NOTPAY")) {
            answer(x, 400, error(existing.state.equals("SUCCESS") ? "ORDERPAID" : "ORDERCLOSED", "订单状态不对"));
            return;
        }
        trades.putIfAbsent(no, new Trade(no, total, r.getString("notify_url"), type.toUpperCase()));
        String prepayId = "wx" + no.substring(0, 20);
        JsonObjectBuilder a = Json.createObjectBuilder();
        switch (type) {
            case "native" -> a.add("code_url", "weixin://wxpay/bizpayurl?pr=" + no.substring(0, 12));
            case "h5" -> a.add("h5_url", "http://127.0.0.1:" + port() + "/h5pay?prepay_id=" + prepayId
                    + "&out_trade_no=" + no);
            default -> a.add("prepay_id", prepayId);
        }
        answer(x, 200, a.build().toString());
    }

    private JsonObject transaction(Trade t) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("appid", TestMerchantKeys.APP_ID)
                .add("mchid", TestMerchantKeys.MERCHANT_ID).add("out_trade_no", t.outTradeNo)
                .add("trade_type", t.tradeType).add("trade_state", t.state).add("trade_state_desc", t.state)
                .add("amount", Json.createObjectBuilder().add("total", t.total).add("currency", "CNY")
                        .add("payer_total", t.total).add("payer_currency", "CNY"));
        if (t.transactionId != null) {
            b.add("transaction_id", t.transactionId).add("bank_type", "OTHERS")
                    .add("success_time", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
                    .add("payer", Json.createObjectBuilder().add("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
        }
        return b.build();
    }

    private void query(HttpServerExchange x, String no) throws IOException {
        Trade t = trades.get(no);
        if (t == null) {
            answer(x, 404, error("ORDER_NOT_EXIST", "订单不存在"));
            return;
        }
        answer(x, 200, transaction(t).toString());
    }

    private void close(HttpServerExchange x, String no) throws IOException {
        Trade t = trades.get(no);
        if (t == null) {
            answer(x, 404, error("ORDER_NOT_EXIST", "订单不存在"));
            return;
        }
        synchronized (t) {
            if (t.state.equals("SUCCESS")) {
                answer(x, 400, error("ORDERPAID", "订单已支付"));
                return;
            }
            t.state = "CLOSED";
        }
        answer(x, 204, "");
    }

    private void refund(HttpServerExchange x, JsonObject r) throws IOException {
        refundRequests.computeIfAbsent(r.getString("out_refund_no"), k -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
        String refuse = refuseRefundsWith;
        if (refuse != null) {
            answer(x, 403, error(refuse, "基本账户余额不足，请充值后重新发起"));
            return;
        }
        String outRefundNo = r.getString("out_refund_no");
        String transactionId = r.getString("transaction_id", null);
        Trade t = trades.values().stream().filter(tr -> transactionId != null && transactionId.equals(tr.transactionId))
                .findFirst().orElse(null);
        if (t == null) {
            answer(x, 404, error("RESOURCE_NOT_EXISTS", "订单不存在"));
            return;
        }
        long amount = r.getJsonObject("amount").getJsonNumber("refund").longValueExact();
        JsonObject existing = refunds.get(outRefundNo);
        JsonObject refund = existing != null ? existing : Json.createObjectBuilder()
                .add("refund_id", "50000" + Math.abs(random.nextLong() % 1_000_000_000_000L))
                .add("out_refund_no", outRefundNo).add("transaction_id", transactionId)
                .add("out_trade_no", t.outTradeNo).add("channel", "ORIGINAL")
                .add("user_received_account", "支付用户零钱")
                .add("create_time", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
                .add("status", "PROCESSING")
                .add("amount", Json.createObjectBuilder().add("refund", amount).add("total", t.total)
                        .add("payer_refund", amount).add("payer_total", t.total).add("settlement_refund", amount)
                        .add("settlement_total", t.total).add("discount_refund", 0).add("currency", "CNY")
                        .add("refund_fee", 0))
                .build();
        refunds.put(outRefundNo, refund);
        answer(x, 200, refund.toString());
        if (notifyRefunds && existing == null) {
            Executors.newSingleThreadExecutor().submit(() -> {
                Thread.sleep(300);
                return settleRefund(outRefundNo, true);
            });
        }
    }

    /** The refund's result reaches the server as WeChat Pay's REFUND.SUCCESS or REFUND.ABNORMAL notification. */
    public int settleRefund(String outRefundNo, boolean succeeded) {
        JsonObject r = refunds.get(outRefundNo);
        Trade t = trades.get(r.getString("out_trade_no"));
        JsonObject settled = Json.createObjectBuilder(r).add("status", succeeded ? "SUCCESS" : "ABNORMAL").build();
        refunds.put(outRefundNo, settled);
        JsonObject resource = Json.createObjectBuilder().add("mchid", TestMerchantKeys.MERCHANT_ID)
                .add("out_trade_no", t.outTradeNo).add("transaction_id", t.transactionId)
                .add("out_refund_no", outRefundNo).add("refund_id", r.getString("refund_id"))
                .add("refund_status", succeeded ? "SUCCESS" : "ABNORMAL")
                .add("user_received_account", "支付用户零钱")
                .add("amount", Json.createObjectBuilder().add("total", t.total)
                        .add("refund", r.getJsonObject("amount").getJsonNumber("refund").longValue())
                        .add("payer_total", t.total)
                        .add("payer_refund", r.getJsonObject("amount").getJsonNumber("refund").longValue()))
                .build();
        return notify(t.notifyUrl, succeeded ? "REFUND.SUCCESS" : "REFUND.ABNORMAL", "refund", resource, false);
    }

    // ------------------------------------------------------------------ bills

    /** Transaction ids left out of the bills (a missing line). */
    public final java.util.Set<String> leftOutOfBill = ConcurrentHashMap.newKeySet();
    /** Amounts the bills state instead of the paid one (a mismatched line), by transaction id. */
    public final Map<String, Long> billedAmount = new ConcurrentHashMap<>();
    /** Payments only the bills know of (an extra line): transaction id -> amount in fen. */
    public final Map<String, Long> onlyInBill = new ConcurrentHashMap<>();
    private final Map<String, String> bills = new ConcurrentHashMap<>();

    /** The trade bill of a day: its digest and where to download it. */
    private void tradeBill(HttpServerExchange x, String day) throws IOException {
        String csv = billOf(java.time.LocalDate.parse(day));
        String token = UUID.randomUUID().toString().replace("-", "");
        bills.put(token, csv);
        String sha1;
        try {
            sha1 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(csv.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        answer(x, 200, Json.createObjectBuilder().add("hash_type", "SHA1").add("hash_value", sha1)
                .add("download_url", "https://api.mch.weixin.qq.com/v3/billdownload/file?token=" + token).build()
                .toString());
    }

    private void download(HttpServerExchange x, String token) throws IOException {
        String csv = bills.remove(token);
        if (csv == null) {
            answer(x, 400, error("INVALID_REQUEST", "token invalid"));
            return;
        }
        x.getResponseHeaders().add(new HttpString("Content-Type"), "application/octet-stream");
        x.getOutputStream().write(csv.getBytes(StandardCharsets.UTF_8));
    }

    /** As WeChat Pay writes it: a header, one line per payment or refund with each field after a backquote, totals. */
    public String billOf(java.time.LocalDate day) {
        StringBuilder b = new StringBuilder("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
                + "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
                + "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n");
        int count = 0;
        for (Trade t : trades.values()) {
            if (t.paidAt == null || !t.paidAt.toLocalDate().equals(day) || leftOutOfBill.contains(t.transactionId)) {
                continue;
            }
            b.append(line(t.paidAt, t.transactionId, t.outTradeNo, t.tradeType, "SUCCESS",
                    billedAmount.getOrDefault(t.transactionId, t.total), "0", "0", 0));
            count++;
        }
        onlyInBill.forEach((tx, fen) -> b.append(line(OffsetDateTime.now(ZoneOffset.ofHours(8)), tx,
                "00000000000000000000000000000000", "NATIVE", "SUCCESS", fen, "0", "0", 0)));
        for (JsonObject r : refunds.values()) {
            if (!"SUCCESS".equals(r.getString("status"))) {
                continue;
            }
            Trade t = trades.get(r.getString("out_trade_no"));
            b.append(line(OffsetDateTime.now(ZoneOffset.ofHours(8)), t.transactionId, t.outTradeNo, t.tradeType,
                    "REFUND", t.total, r.getString("refund_id"), r.getString("out_refund_no"),
                    r.getJsonObject("amount").getJsonNumber("refund").longValue()));
            count++;
        }
        b.append("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n`")
                .append(count).append(",`0.00,`0.00,`0.00,`0.00,`0.00,`0.00\r\n");
        return b.toString();
    }

    private static String line(OffsetDateTime at, String tx, String outTradeNo, String type, String state, long fen,
                               String refundId, String refundNo, long refundFen) {
        String[] f = {at.toLocalDateTime().withNano(0).toString().replace('T', ' '), TestMerchantKeys.APP_ID,
                TestMerchantKeys.MERCHANT_ID, "0", "", tx, outTradeNo, "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", type, state,
                "OTHERS", "CNY", yuan(fen), "0.00", refundId, refundNo, yuan(refundFen), "0.00",
                refundFen > 0 ? "ORIGINAL" : "", refundFen > 0 ? "SUCCESS" : "", "雅安森林碳汇", "", "0.00000", "0.60%",
                yuan(fen), yuan(refundFen), ""};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < f.length; i++) {
            b.append(i == 0 ? "`" : ",`").append(f[i]);
        }
        return b.append("\r\n").toString();
    }

    private static String yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }

    // ------------------------------------------------------------------ paying

    /**
     * The buyer pays the order (as on WeChat's page): refused when it is closed or paid already. Answers whether it
     * was paid; the notification goes to the server unless {@code notify} is false (a notification that never came).
     */
    public boolean pay(String outTradeNo, boolean notify) {
        Trade t = trades.get(outTradeNo);
        if (t == null) {
            throw new IllegalArgumentException("No trade " + outTradeNo);
        }
        synchronized (t) {
            if (!t.state.equals("NOTPAY")) {
                return false;
            }
            t.state = "SUCCESS";
            t.paidAt = OffsetDateTime.now(ZoneOffset.ofHours(8));
            t.transactionId = "4200" + String.format("%024d", Math.abs(random.nextLong()) % 1_000_000_000_000_000_000L);
        }
        if (notify) {
            notifyPayment(outTradeNo);
        }
        return true;
    }

    /** Sends (again) the order's TRANSACTION.SUCCESS notification; the server's HTTP status. */
    public int notifyPayment(String outTradeNo) {
        Trade t = trades.get(outTradeNo);
        return notify(t.notifyUrl, "TRANSACTION.SUCCESS", "transaction", transaction(t), false);
    }

    /** A notification of this resource, as WeChat Pay would send it, except that {@code forge} spoils its signature. */
    public int notifyWith(String outTradeNo, JsonObject resource, boolean forge) {
        return notify(trades.get(outTradeNo).notifyUrl, "TRANSACTION.SUCCESS", "transaction", resource, forge);
    }

    public JsonObject transactionOf(String outTradeNo) {
        return transaction(trades.get(outTradeNo));
    }

    private int notify(String url, String event, String originalType, JsonObject resource, boolean forge) {
        String nonce = nonce(12);
        String associated = originalType;
        String body = Json.createObjectBuilder().add("id", UUID.randomUUID().toString())
                .add("create_time", OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString())
                .add("resource_type", "encrypt-resource").add("event_type", event)
                .add("summary", event.startsWith("REFUND") ? "退款状态变更" : "支付成功")
                .add("resource", Json.createObjectBuilder().add("original_type", originalType)
                        .add("algorithm", "AEAD_AES_256_GCM").add("ciphertext", encrypt(resource.toString(), nonce, associated))
                        .add("associated_data", associated).add("nonce", nonce))
                .build().toString();
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String signNonce = nonce(32);
        String signature = TestMerchantKeys.sign(keys.platform.getPrivate(), timestamp + "\n" + signNonce + "\n" + body
                + "\n");
        if (forge) {
            signature = TestMerchantKeys.sign(keys.merchant.getPrivate(), timestamp + "\n" + signNonce + "\n" + body + "\n");
        }
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .header("Wechatpay-Serial", TestMerchantKeys.PUBLIC_KEY_ID)
                    .header("Wechatpay-Timestamp", timestamp).header("Wechatpay-Nonce", signNonce)
                    .header("Wechatpay-Signature", signature)
                    .header("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String encrypt(String plaintext, String nonce, String associated) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            c.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ the H5 page

    /** WeChat's H5 cashier: the amount and a pay button; paying notifies the server and goes back to redirect_url. */
    private void h5Page(HttpServerExchange x, String body) throws IOException {
        Map<String, String> q = form(x.getQueryString());
        q.putAll(form(body));
        Trade t = trades.get(q.getOrDefault("out_trade_no", ""));
        if (t == null) {
            page(x, 404, "<p>订单不存在</p>");
            return;
        }
        String back = q.getOrDefault("redirect_url", "");
        if (x.getRequestMethod().toString().equals("POST")) {
            pay(t.outTradeNo, true);
            x.getResponseHeaders().add(new HttpString("Location"), back.isEmpty() ? "/h5pay?out_trade_no="
                    + t.outTradeNo : back);
            x.setStatusCode(303);
            return;
        }
        String escapedBack = back.replace("&", "&amp;").replace("\"", "&quot;");
        page(x, 200, "<h1>微信支付</h1><p id=\"amount\">¥" + String.format("%d.%02d", t.total / 100, t.total % 100)
                + "</p><p id=\"state\">" + t.state + "</p><form method=\"post\"><input type=\"hidden\" name=\"out_trade_no\" value=\""
                + t.outTradeNo + "\"><input type=\"hidden\" name=\"redirect_url\" value=\"" + escapedBack
                + "\"><button id=\"wechat-pay\" type=\"submit\">确认支付</button></form>");
    }

    private static Map<String, String> form(String text) {
        Map<String, String> m = new ConcurrentHashMap<>();
        if (text == null || text.isBlank()) {
            return m;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void page(HttpServerExchange x, int status, String content) throws IOException {
        byte[] bytes = ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width\"><title>微信支付</title></head><body>" + content + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add(new HttpString("Content-Type"), "text/html; charset=utf-8");
        x.setStatusCode(status);
        x.getOutputStream().write(bytes);
    }

    // ------------------------------------------------------------------ signing answers

    private void answer(HttpServerExchange x, int status, String body) throws IOException {
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String nonce = nonce(32);
        x.getResponseHeaders().add(new HttpString("Request-ID"), UUID.randomUUID().toString());
        x.getResponseHeaders().add(new HttpString("Wechatpay-Serial"), TestMerchantKeys.PUBLIC_KEY_ID);
        x.getResponseHeaders().add(new HttpString("Wechatpay-Timestamp"), timestamp);
        x.getResponseHeaders().add(new HttpString("Wechatpay-Nonce"), nonce);
        x.getResponseHeaders().add(new HttpString("Wechatpay-Signature"),
                TestMerchantKeys.sign(keys.platform.getPrivate(), timestamp + "\n" + nonce + "\n" + body + "\n"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            x.getResponseHeaders().add(new HttpString("Content-Type"), "application/json");
        }
        x.setStatusCode(status);
        if (bytes.length > 0) {
            x.getOutputStream().write(bytes);
        }
    }

    private static String error(String code, String message) {
        return Json.createObjectBuilder().add("code", code).add("message", message).build().toString();
    }

    private static JsonObject read(String body) {
        try (var r = Json.createReader(new StringReader(body))) {
            return r.readObject();
        }
    }

    private String nonce(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
