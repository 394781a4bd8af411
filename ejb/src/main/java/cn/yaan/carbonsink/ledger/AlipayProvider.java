package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Settings;
import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayDataDataserviceBillDownloadurlQueryModel;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.domain.AlipayTradeWapPayModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Alipay through its official SDK ({@code alipay-sdk-java}): mobile web payments ({@code alipay.trade.wap.pay}),
 * asynchronous notifications verified with Alipay's public key ({@link AlipaySignature#rsaCheckV1}, RSA2), trade
 * query, close and refund, and the daily trade bill ({@code alipay.data.dataservice.bill.downloadurl.query}); every
 * answer of the gateway is verified by the SDK with the same key. The application's
 * private key and Alipay's public key are read from files ({@code CARBONSINK_ALIPAY_*_FILE}), never from the database,
 * and never logged. The gateway is {@code carbonsink.payments.alipay.gateway} (Alipay's sandbox, or a test server).
 */
@ApplicationScoped
public class AlipayProvider implements PaymentProvider {

    public static final String NAME = "alipay";
    static final String KEY = "carbonsink.payments.alipay.";
    private static final DateTimeFormatter EXPIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private volatile AlipayClient client;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return Settings.get(KEY + "app-id", null) != null;
    }

    private static String publicKey() {
        return pemBody(Settings.secret(KEY + "public-key"));
    }

    /** The SDK takes keys as bare base64; a PEM file's armour and line breaks are taken off. */
    static String pemBody(String pem) {
        return pem == null ? null : pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private AlipayClient client() {
        AlipayClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = new DefaultAlipayClient(Settings.get(KEY + "gateway", "https://openapi.alipay.com/gateway.do"),
                            Settings.get(KEY + "app-id", null), pemBody(Settings.secret(KEY + "private-key")), "json",
                            "UTF-8", publicKey(), "RSA2");
                }
                c = client;
            }
        }
        return c;
    }

    static String notifyUrl() {
        return Settings.get(KEY + "notify-url", Settings.publicUrl() + "/api/v1/payments/callbacks/" + NAME);
    }

    private static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    @Override
    public List<Channel> channels() {
        return List.of(Channel.WAP);
    }

    @Override
    public Checkout start(Charge c) {
        AlipayTradeWapPayModel model = new AlipayTradeWapPayModel();
        model.setOutTradeNo(TradeNumbers.outTradeNo(c.paymentId()));
        model.setTotalAmount(yuan(c.amountFen()));
        model.setSubject(c.description());
        model.setProductCode("QUICK_WAP_WAY");
        model.setTimeExpire(EXPIRE.format(c.expiresAt().atZone(AppClock.ZONE)));
        model.setQuitUrl(c.returnUrl());
        AlipayTradeWapPayRequest request = new AlipayTradeWapPayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(notifyUrl());
        request.setReturnUrl(c.returnUrl());
        try {
            // GET: the signed address of Alipay's cashier, where the buyer is sent.
            return new Checkout(Channel.WAP, client().pageExecute(request, "GET").getBody(), null, Map.of());
        } catch (AlipayApiException e) {
            throw BusinessException.conflict("provider-unavailable", "Alipay did not accept the request ("
                    + e.getErrCode() + "); try again in a moment or choose another way to pay.");
        }
    }

    /** Alipay's notification: form fields signed with Alipay's key (RSA2 over the sorted fields). */
    @Override
    public Callback receive(Map<String, String> headers, byte[] body) {
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        boolean authentic;
        try {
            authentic = form.containsKey("sign") && AlipaySignature.rsaCheckV1(new HashMap<>(form), publicKey(),
                    "UTF-8", "RSA2");
        } catch (AlipayApiException | RuntimeException e) {
            authentic = false;
        }
        if (!authentic) {
            throw BusinessException.unauthenticated("The notification's signature is not Alipay's; it was ignored.");
        }
        if (!Settings.get(KEY + "app-id", "").equals(form.get("app_id"))) {
            throw BusinessException.invalid("app_id", "The notification is for another Alipay application.");
        }
        String status = form.getOrDefault("trade_status", "");
        try {
            return new Callback.Payment(new Notification(required(form, "trade_no"),
                    TradeNumbers.paymentId(required(form, "out_trade_no")),
                    new BigDecimal(required(form, "total_amount")).movePointRight(2).longValueExact(),
                    status.equals("TRADE_SUCCESS") || status.equals("TRADE_FINISHED")));
        } catch (ArithmeticException | NumberFormatException e) {
            throw BusinessException.invalid("total_amount", "The amount is not an amount in yuan.");
        }
    }

    private static String required(Map<String, String> form, String field) {
        String value = form.get(field);
        if (value == null || value.isBlank() || value.length() > 64) {
            throw BusinessException.invalid(field, "The notification has no " + field + ".");
        }
        return value;
    }

    private static Map<String, String> form(String text) {
        Map<String, String> m = new HashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw BusinessException.invalid("body", "The body is not a form.");
                }
            }
        }
        return m;
    }

    @Override
    public Acknowledgement acknowledgement() {
        return new Acknowledgement("text/plain", "success");
    }

    @Override
    public Optional<Notification> query(String paymentId) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(TradeNumbers.outTradeNo(paymentId));
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        try {
            AlipayTradeQueryResponse r = client().execute(request);
            if (!r.isSuccess()) {
                if ("ACQ.TRADE_NOT_EXIST".equals(r.getSubCode())) {
                    return Optional.empty();
                }
                throw new IllegalStateException("Alipay answered the query with " + r.getSubCode());
            }
            boolean paid = "TRADE_SUCCESS".equals(r.getTradeStatus()) || "TRADE_FINISHED".equals(r.getTradeStatus());
            return paid ? Optional.of(new Notification(r.getTradeNo(), paymentId,
                    new BigDecimal(r.getTotalAmount()).movePointRight(2).longValueExact(), true)) : Optional.empty();
        } catch (AlipayApiException e) {
            throw new IllegalStateException("Alipay could not be asked: " + e.getErrCode(), e);
        }
    }

    @Override
    public boolean close(String paymentId) {
        AlipayTradeCloseModel model = new AlipayTradeCloseModel();
        model.setOutTradeNo(TradeNumbers.outTradeNo(paymentId));
        AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
        request.setBizModel(model);
        try {
            AlipayTradeCloseResponse r = client().execute(request);
            // Not created yet (the buyer never opened the cashier) is as good as closed; a paid trade is not.
            return r.isSuccess() || "ACQ.TRADE_NOT_EXIST".equals(r.getSubCode());
        } catch (AlipayApiException e) {
            throw new IllegalStateException("Alipay could not be asked to close: " + e.getErrCode(), e);
        }
    }

    /** Alipay answers a refund at once: {@code fund_change} Y is money sent back. */
    @Override
    public RefundAnswer refund(RefundCommand c) {
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setTradeNo(c.transactionId());
        model.setRefundAmount(yuan(c.refundFen()));
        model.setOutRequestNo(c.refundNo());
        model.setRefundReason(c.reason());
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        try {
            AlipayTradeRefundResponse r = client().execute(request);
            if (r.isSuccess()) {
                return new RefundAnswer(r.getTradeNo() + "/" + c.refundNo(), RefundState.SUCCEEDED,
                        "fund_change=" + r.getFundChange());
            }
            return new RefundAnswer(null, RefundState.FAILED, r.getSubCode() + ": " + r.getSubMsg());
        } catch (AlipayApiException e) {
            return new RefundAnswer(null, RefundState.FAILED, "Alipay could not be reached: " + e.getErrCode());
        }
    }

    @Override
    public boolean billed() {
        return true;
    }

    /**
     * The trade bill of the day: the SDK asks the gateway where to download it, and the ZIP found there holds, as
     * Alipay documents it, the day's business detail ({@code ..._业务明细.csv}, GBK) beside its summary. No bill for a
     * day without trades is an empty bill.
     */
    @Override
    public List<BillLine> bill(LocalDate day) {
        AlipayDataDataserviceBillDownloadurlQueryModel model = new AlipayDataDataserviceBillDownloadurlQueryModel();
        model.setBillType("trade");
        model.setBillDate(day.toString());
        AlipayDataDataserviceBillDownloadurlQueryRequest request = new AlipayDataDataserviceBillDownloadurlQueryRequest();
        request.setBizModel(model);
        AlipayDataDataserviceBillDownloadurlQueryResponse r;
        try {
            r = client().execute(request);
        } catch (AlipayApiException e) {
            throw new IllegalStateException("Alipay could not be asked for the bill of " + day + ": " + e.getErrCode(), e);
        }
        if (!r.isSuccess()) {
            if ("isp.bill_not_exist".equals(r.getSubCode())) {
                return List.of();
            }
            throw new IllegalStateException("Alipay answered the bill query of " + day + " with " + r.getSubCode());
        }
        try {
            HttpResponse<byte[]> zip = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                    HttpRequest.newBuilder(URI.create(r.getBillDownloadUrl())).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (zip.statusCode() != 200) {
                throw new IllegalStateException("The Alipay bill of " + day + " could not be downloaded (HTTP "
                        + zip.statusCode() + ")");
            }
            return parseBill(detail(zip.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while downloading the Alipay bill of " + day, e);
        }
    }

    private static final Charset GBK = Charset.forName("GBK");

    /** The business detail of a bill's ZIP (not its summary). */
    static String detail(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), GBK)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith("业务明细.csv")) {
                    return new String(in.readAllBytes(), GBK);
                }
            }
        }
        throw new IllegalStateException("The Alipay bill holds no business detail");
    }

    /**
     * The lines of a business detail: comment lines start with {@code #}; the header names the columns; a
     * {@code 交易} line is a payment, a {@code 退款} line a refund (its amount negative, its request number ours).
     */
    static List<BillLine> parseBill(String csv) {
        List<BillLine> lines = new ArrayList<>();
        List<String> header = null;
        for (String row : csv.split("\\r?\\n")) {
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            List<String> f = Arrays.stream(row.split(",", -1)).map(String::strip).toList();
            if (header == null) {
                header = f;
                continue;
            }
            String tradeNo = f.get(header.indexOf("支付宝交易号"));
            String paymentId = TradeNumbers.paymentId(f.get(header.indexOf("商户订单号")));
            long fen = new BigDecimal(f.get(header.indexOf("订单金额（元）"))).movePointRight(2).abs().longValueExact();
            if ("退款".equals(f.get(header.indexOf("业务类型")))) {
                lines.add(new BillLine(tradeNo, paymentId, f.get(header.indexOf("退款批次号/请求号")), fen, true));
            } else {
                lines.add(new BillLine(tradeNo, paymentId, null, fen, false));
            }
        }
        return lines;
    }
}
