package cn.yaan.carbonsink.it.pay;

import java.util.logging.Level;
import java.util.logging.Logger;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A local server that speaks Alipay's open API gateway as documented, for the test run: it checks the application's
 * RSA2 signature over the sorted parameters of every request, answers {@code alipay.trade.query}, {@code .close} and
 * {@code .refund} as JSON whose response node is signed with Alipay's key (so the SDK's own check of answers runs),
 * shows a cashier for {@code alipay.trade.wap.pay}, and sends asynchronous notifications as signed form fields to the
 * notify_url. A paid trade cannot be closed, a closed one cannot be paid.
 */
public final class AlipayStub {

    private static final Logger LOG = Logger.getLogger(AlipayStub.class.getName());

    /** A trade as Alipay holds it. */
    public static final class Trade {
        public final String outTradeNo;
        public final String totalAmount;
        public final String notifyUrl;
        public volatile String status = "WAIT_BUYER_PAY";
        public volatile String tradeNo;
        public volatile LocalDateTime paidAt;

        Trade(String outTradeNo, String totalAmount, String notifyUrl) {
            this.outTradeNo = outTradeNo;
            this.totalAmount = totalAmount;
            this.notifyUrl = notifyUrl;
        }
    }

    private static volatile AlipayStub running;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Undertow server;
    private final int port;
    private final TestMerchantKeys keys;
    private final Map<String, Trade> trades = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private final SecureRandom random = new SecureRandom();
    /** The next refunds are refused with this sub_code (ACQ.SELLER_BALANCE_NOT_ENOUGH...), or accepted when null. */
    public volatile String refuseRefundsWith;
    /** Refunds made, by out_request_no: trade_no, out_trade_no, amount in yuan, when. */
    private final Map<String, String[]> refunds = new ConcurrentHashMap<>();
    /** Alipay trade numbers left out of the bills (a missing line). */
    public final java.util.Set<String> leftOutOfBill = ConcurrentHashMap.newKeySet();
    /** Alipay trade numbers billed for another amount in fen (a mismatched line). */
    public final Map<String, Long> billedAmount = new ConcurrentHashMap<>();
    /** Lines only the bill has (an extra line): trade number to amount in fen. */
    public final Map<String, Long> onlyInBill = new ConcurrentHashMap<>();

    private AlipayStub(int port, TestMerchantKeys keys) {
        this.port = port;
        this.keys = keys;
        server = Undertow.builder().addHttpListener(port, "127.0.0.1").setWorkerThreads(8).setHandler(x -> {
            if (x.isInIoThread()) {
                x.dispatch(this::handle);
                return;
            }
            handle(x);
        }).build();
        server.start();
    }

    public static synchronized AlipayStub start(int port, TestMerchantKeys keys) {
        if (running == null) {
            running = new AlipayStub(port, keys);
        }
        return running;
    }

    public static AlipayStub get() {
        if (running == null) {
            throw new IllegalStateException("The Alipay stub is not running (TestServer starts it)");
        }
        return running;
    }

    public int port() {
        return port;
    }

    public Optional<Trade> trade(String outTradeNo) {
        return Optional.ofNullable(trades.get(outTradeNo));
    }

    private void handle(HttpServerExchange x) {
        x.startBlocking();
        try {
            String body = new String(x.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = form(x.getQueryString());
            params.putAll(form(body));
            if (x.getRequestPath().equals("/cashier")) {
                cashier(x, params);
                return;
            }
            if (x.getRequestPath().equals("/bill")) {
                bill(x, java.time.LocalDate.parse(params.getOrDefault("date", "")));
                return;
            }
            if (!signedByTheApplication(params)) {
                page(x, 400, "<p>invalid-signature 验签出错</p>");
                return;
            }
            JsonObject biz = read(params.getOrDefault("biz_content", "{}"));
            switch (params.getOrDefault("method", "")) {
                case "alipay.trade.wap.pay" -> {
                    String no = biz.getString("out_trade_no");
                    trades.putIfAbsent(no, new Trade(no, biz.getString("total_amount"), params.get("notify_url")));
                    // Alipay's cashier: the buyer pays there and is sent back to return_url.
                    x.getResponseHeaders().add(new HttpString("Location"), "/cashier?out_trade_no=" + no
                            + "&return_url=" + URLEncoder.encode(params.getOrDefault("return_url", ""), StandardCharsets.UTF_8));
                    x.setStatusCode(302);
                }
                case "alipay.trade.query" -> query(x, biz);
                case "alipay.trade.close" -> close(x, biz);
                case "alipay.trade.refund" -> refund(x, biz);
                case "alipay.data.dataservice.bill.downloadurl.query" -> answer(x,
                        "alipay_data_dataservice_bill_downloadurl_query_response", Json.createObjectBuilder()
                                .add("code", "10000").add("msg", "Success").add("bill_download_url", "http://127.0.0.1:"
                                        + port + "/bill?date=" + biz.getString("bill_date")).build());
                default -> answer(x, "error_response", failure("40004", "ACQ.NOT_SUPPORTED", "不支持的接口"));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "The stand-in could not answer " + x.getRequestPath(), e);
            x.setStatusCode(500);
        } finally {
            x.endExchange();
        }
    }

    /** RSA2 over every parameter but {@code sign}, sorted by name, {@code name=value} joined by {@code &}. */
    private boolean signedByTheApplication(Map<String, String> params) {
        if (!TestMerchantKeys.ALIPAY_APP_ID.equals(params.get("app_id")) || !"RSA2".equals(params.get("sign_type"))) {
            return false;
        }
        Map<String, String> sorted = new TreeMap<>(params);
        String sign = sorted.remove("sign");
        return sign != null && TestMerchantKeys.verify(keys.alipayApp.getPublic(), content(sorted), sign);
    }

    private static String content(Map<String, String> sorted) {
        return sorted.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    private void query(HttpServerExchange x, JsonObject biz) throws IOException {
        Trade t = trades.get(biz.getString("out_trade_no", ""));
        if (t == null) {
            answer(x, "alipay_trade_query_response", failure("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
            return;
        }
        JsonObjectBuilder b = Json.createObjectBuilder().add("code", "10000").add("msg", "Success")
                .add("out_trade_no", t.outTradeNo).add("trade_status", t.status).add("total_amount", t.totalAmount);
        if (t.tradeNo != null) {
            b.add("trade_no", t.tradeNo).add("buyer_logon_id", "159****5620").add("buyer_pay_amount", t.totalAmount);
        }
        answer(x, "alipay_trade_query_response", b.build());
    }

    private void close(HttpServerExchange x, JsonObject biz) throws IOException {
        Trade t = trades.get(biz.getString("out_trade_no", ""));
        if (t == null) {
            answer(x, "alipay_trade_close_response", failure("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
            return;
        }
        synchronized (t) {
            if (t.tradeNo != null) {
                answer(x, "alipay_trade_close_response", failure("40004", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法"));
                return;
            }
            t.status = "TRADE_CLOSED";
        }
        answer(x, "alipay_trade_close_response", Json.createObjectBuilder().add("code", "10000").add("msg", "Success")
                .add("out_trade_no", t.outTradeNo).build());
    }

    private void refund(HttpServerExchange x, JsonObject biz) throws IOException {
        String refuse = refuseRefundsWith;
        Trade t = trades.values().stream().filter(tr -> biz.getString("trade_no", "").equals(tr.tradeNo)).findFirst()
                .orElse(null);
        if (refuse != null || t == null) {
            answer(x, "alipay_trade_refund_response", failure("40004", refuse != null ? refuse : "ACQ.TRADE_NOT_EXIST",
                    "退款失败"));
            return;
        }
        refunds.putIfAbsent(biz.getString("out_request_no"), new String[] {t.tradeNo, t.outTradeNo,
                biz.getString("refund_amount"), LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).format(TIME)});
        answer(x, "alipay_trade_refund_response", Json.createObjectBuilder().add("code", "10000").add("msg", "Success")
                .add("trade_no", t.tradeNo).add("out_trade_no", t.outTradeNo).add("fund_change", "Y")
                .add("refund_fee", biz.getString("refund_amount")).build());
    }

    private static JsonObject failure(String code, String subCode, String subMsg) {
        return Json.createObjectBuilder().add("code", code).add("msg", "Business Failed").add("sub_code", subCode)
                .add("sub_msg", subMsg).build();
    }

    /** {@code {"<node>": {...}, "sign": "<RSA2 of the node's JSON text>"}}, as the gateway answers. */
    private void answer(HttpServerExchange x, String node, JsonObject response) throws IOException {
        String text = response.toString();
        String body = "{\"" + node + "\":" + text + ",\"sign\":\""
                + TestMerchantKeys.sign(keys.alipay.getPrivate(), text) + "\"}";
        x.getResponseHeaders().add(new HttpString("Content-Type"), "application/json;charset=utf-8");
        x.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The buyer pays: refused once the trade is closed or paid; the notification goes out unless {@code notify} is false. */
    public boolean pay(String outTradeNo, boolean notify) {
        Trade t = trades.get(outTradeNo);
        synchronized (t) {
            if (!t.status.equals("WAIT_BUYER_PAY")) {
                return false;
            }
            t.status = "TRADE_SUCCESS";
            t.paidAt = LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai"));
            t.tradeNo = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd")) + "2200"
                    + String.format("%016d", Math.abs(random.nextLong()) % 10_000_000_000_000_000L);
        }
        if (notify) {
            notifyPayment(outTradeNo, t.totalAmount, false);
        }
        return true;
    }

    /** Sends the trade's notification (with this amount; {@code forge} signs it with another key); the server's status. */
    public int notifyPayment(String outTradeNo, String totalAmount, boolean forge) {
        Trade t = trades.get(outTradeNo);
        Map<String, String> f = new TreeMap<>();
        String now = LocalDateTime.now().format(TIME);
        f.put("notify_time", now);
        f.put("notify_type", "trade_status_sync");
        f.put("notify_id", UUID.randomUUID().toString().replace("-", ""));
        f.put("app_id", TestMerchantKeys.ALIPAY_APP_ID);
        f.put("charset", "UTF-8");
        f.put("version", "1.0");
        f.put("trade_no", t.tradeNo);
        f.put("out_trade_no", t.outTradeNo);
        f.put("trade_status", t.status);
        f.put("total_amount", totalAmount);
        f.put("receipt_amount", totalAmount);
        f.put("buyer_pay_amount", totalAmount);
        f.put("subject", "雅安森林碳汇");
        f.put("gmt_create", now);
        f.put("gmt_payment", now);
        String sign = TestMerchantKeys.sign(forge ? keys.alipayApp.getPrivate() : keys.alipay.getPrivate(), content(f));
        f.put("sign_type", "RSA2");
        f.put("sign", sign);
        String body = f.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(t.notifyUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            lastAnswer = r.body();
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** What the server answered the last notification ("success" is what Alipay waits for). */
    public volatile String lastAnswer;

    /**
     * The day's trade bill as Alipay serves it: a ZIP with the business detail and its summary, GBK, comment lines
     * starting with #, fields padded with tabs; refunds with negative amounts and their request numbers.
     */
    private void bill(HttpServerExchange x, java.time.LocalDate day) throws IOException {
        java.nio.charset.Charset gbk = java.nio.charset.Charset.forName("GBK");
        StringBuilder csv = new StringBuilder("#支付宝业务明细查询\r\n#账号：[" + TestMerchantKeys.ALIPAY_APP_ID + "]\r\n"
                + "#起始日期：[" + day + " 00:00:00]   终止日期：[" + day.plusDays(1) + " 00:00:00]\r\n"
                + "#-----------------------------------------业务明细列表----------------------------------------\r\n"
                + "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,"
                + "商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,"
                + "卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\r\n");
        for (Trade t : trades.values()) {
            if (t.paidAt == null || !t.paidAt.toLocalDate().equals(day) || leftOutOfBill.contains(t.tradeNo)) {
                continue;
            }
            Long planted = billedAmount.get(t.tradeNo);
            String amount = planted != null ? BigDecimal.valueOf(planted, 2).toPlainString() : t.totalAmount;
            csv.append(line(t.tradeNo, t.outTradeNo, "交易", t.paidAt.format(TIME), amount, ""));
        }
        for (Map.Entry<String, String[]> r : refunds.entrySet()) {
            String[] v = r.getValue();
            if (v[3].startsWith(day.toString())) {
                csv.append(line(v[0], v[1], "退款", v[3], "-" + v[2], r.getKey()));
            }
        }
        onlyInBill.forEach((no, fen) -> csv.append(line(no, "CS" + no, "交易", day + " 12:00:00",
                BigDecimal.valueOf(fen, 2).toPlainString(), "")));
        csv.append("#-----------------------------------------业务明细列表结束------------------------------------\r\n")
                .append("#导出时间：[").append(LocalDateTime.now().format(TIME)).append("]\r\n");
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip, gbk)) {
            String prefix = "20880000000000000156_" + day.toString().replace("-", "");
            out.putNextEntry(new java.util.zip.ZipEntry(prefix + "_业务明细(汇总).csv"));
            out.write("#支付宝业务汇总查询\r\n".getBytes(gbk));
            out.closeEntry();
            out.putNextEntry(new java.util.zip.ZipEntry(prefix + "_业务明细.csv"));
            out.write(csv.toString().getBytes(gbk));
            out.closeEntry();
        }
        x.getResponseHeaders().add(new HttpString("Content-Type"), "application/zip");
        x.getOutputStream().write(zip.toByteArray());
    }

    private static String line(String tradeNo, String outTradeNo, String type, String time, String amount, String requestNo) {
        String[] f = {tradeNo, outTradeNo, type, "雅安森林碳汇", time, time, "", "", "", "", "159****5620", amount, amount,
                "0.00", "0.00", "0.00", "0.00", "0.00", "", "0.00", "0.00", requestNo, "0.00", "0.00", ""};
        return java.util.Arrays.stream(f).map(v -> v + "\t").collect(Collectors.joining(",")) + "\r\n";
    }

    private void cashier(HttpServerExchange x, Map<String, String> q) throws IOException {
        Trade t = trades.get(q.getOrDefault("out_trade_no", ""));
        if (t == null) {
            page(x, 404, "<p>交易不存在</p>");
            return;
        }
        String back = q.getOrDefault("return_url", "");
        if (x.getRequestMethod().toString().equals("POST")) {
            pay(t.outTradeNo, true);
            String sep = back.contains("?") ? "&" : "?";
            x.getResponseHeaders().add(new HttpString("Location"), back + sep + "out_trade_no=" + t.outTradeNo);
            x.setStatusCode(303);
            return;
        }
        page(x, 200, "<h1>支付宝</h1><p id=\"amount\">¥" + new BigDecimal(t.totalAmount).toPlainString() + "</p>"
                + "<form method=\"post\"><input type=\"hidden\" name=\"out_trade_no\" value=\"" + t.outTradeNo
                + "\"><input type=\"hidden\" name=\"return_url\" value=\"" + back.replace("&", "&amp;").replace("\"", "&quot;")
                + "\"><button id=\"alipay-pay\" type=\"submit\">确认付款</button></form>");
    }

    private static void page(HttpServerExchange x, int status, String content) throws IOException {
        x.setStatusCode(status);
        x.getResponseHeaders().add(new HttpString("Content-Type"), "text/html; charset=utf-8");
        x.getOutputStream().write(("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width\"><title>支付宝</title></head><body>" + content + "</body></html>")
                .getBytes(StandardCharsets.UTF_8));
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

    private static JsonObject read(String json) {
        try (var r = Json.createReader(new StringReader(json))) {
            return r.readObject();
        }
    }
}
