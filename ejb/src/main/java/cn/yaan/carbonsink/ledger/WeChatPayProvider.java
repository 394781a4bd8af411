package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Settings;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.WechatPayException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.h5.model.H5Info;
import com.wechat.pay.java.service.payments.h5.model.SceneInfo;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WeChat Pay API v3 through its official SDK ({@code wechatpay-java}): Native (a QR code on a desktop), H5 (a phone's
 * browser) and JSAPI (a page inside WeChat) payments, notifications verified with the platform's public key and
 * decrypted (AEAD_AES_256_GCM with the APIv3 key) by the SDK's {@link NotificationParser}, order query, close, refunds.
 * The merchant's private key, the platform's public key and the APIv3 key are read from files
 * ({@code CARBONSINK_WECHAT_*_FILE}), never from the database, and never logged. {@code carbonsink.payments.wechat.base-url}
 * moves the SDK's transport to another address (a test server speaking the same protocol); the SDK itself, its
 * signatures and its verification run unchanged.
 */
@ApplicationScoped
public class WeChatPayProvider implements PaymentProvider {

    public static final String NAME = "wechat";
    static final String KEY = "carbonsink.payments.wechat.";
    private static final String OFFICIAL = "https://api.mch.weixin.qq.com";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private volatile Clients clients;

    /** The SDK's services on one configuration, built at first use. */
    record Clients(RSAPublicKeyConfig config, HttpClient http, NativePayService nativePay, H5Service h5,
                   JsapiServiceExtension jsapi, RefundService refunds, NotificationParser parser) {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Configured: a merchant id is set (RequiredSecrets then checks the rest at start-up). */
    @Override
    public boolean enabled() {
        return setting("merchant-id") != null;
    }

    static String setting(String key) {
        return Settings.get(KEY + key, null);
    }

    static String appId() {
        return setting("app-id");
    }

    private Clients clients() {
        Clients c = clients;
        if (c == null) {
            synchronized (this) {
                if (clients == null) {
                    clients = build();
                }
                c = clients;
            }
        }
        return c;
    }

    private static Clients build() {
        RSAPublicKeyConfig config = new RSAPublicKeyConfig.Builder()
                .merchantId(setting("merchant-id"))
                .merchantSerialNumber(setting("merchant-serial"))
                .privateKey(Settings.secret(KEY + "private-key"))
                .publicKeyId(setting("public-key-id"))
                .publicKey(Settings.secret(KEY + "public-key"))
                .apiV3Key(Settings.secret(KEY + "api-v3-key"))
                .build();
        HttpClient http = new DefaultHttpClientBuilder().config(config).okHttpClient(transport()).build();
        return new Clients(config, http,
                new NativePayService.Builder().httpClient(http).build(),
                new H5Service.Builder().httpClient(http).build(),
                new JsapiServiceExtension.Builder().config(config).httpClient(http).build(),
                new RefundService.Builder().httpClient(http).build(),
                new NotificationParser(config));
    }

    /** The SDK's own HTTP client, its requests moved to the configured address when it is not the official one. */
    private static OkHttpClient transport() {
        OkHttpClient.Builder builder = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(20));
        String base = Settings.get(KEY + "base-url", OFFICIAL);
        if (!base.equals(OFFICIAL)) {
            HttpUrl target = HttpUrl.get(base);
            builder.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().url(chain.request().url()
                    .newBuilder().scheme(target.scheme()).host(target.host()).port(target.port()).build()).build()));
        }
        return builder.build();
    }

    /** Where WeChat Pay sends its notifications: the platform's public address unless configured. */
    static String notifyUrl() {
        return Settings.get(KEY + "notify-url", Settings.publicUrl() + "/api/v1/payments/callbacks/" + NAME);
    }

    @Override
    public List<Channel> channels() {
        return List.of(Channel.H5, Channel.NATIVE, Channel.JSAPI);
    }

    @Override
    public Checkout start(Charge c) {
        String outTradeNo = TradeNumbers.outTradeNo(c.paymentId());
        String expire = RFC3339.format(c.expiresAt().atZone(AppClock.ZONE));
        int total = Math.toIntExact(c.amountFen());
        try {
            return switch (c.channel()) {
                case NATIVE -> {
                    var r = new com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest();
                    r.setAppid(appId());
                    r.setMchid(setting("merchant-id"));
                    r.setDescription(c.description());
                    r.setOutTradeNo(outTradeNo);
                    r.setTimeExpire(expire);
                    r.setNotifyUrl(notifyUrl());
                    var amount = new com.wechat.pay.java.service.payments.nativepay.model.Amount();
                    amount.setTotal(total);
                    r.setAmount(amount);
                    yield new Checkout(Channel.NATIVE, null, clients().nativePay().prepay(r).getCodeUrl(), Map.of());
                }
                case H5 -> {
                    var r = new com.wechat.pay.java.service.payments.h5.model.PrepayRequest();
                    r.setAppid(appId());
                    r.setMchid(setting("merchant-id"));
                    r.setDescription(c.description());
                    r.setOutTradeNo(outTradeNo);
                    r.setTimeExpire(expire);
                    r.setNotifyUrl(notifyUrl());
                    var amount = new com.wechat.pay.java.service.payments.h5.model.Amount();
                    amount.setTotal(total);
                    r.setAmount(amount);
                    SceneInfo scene = new SceneInfo();
                    scene.setPayerClientIp(c.clientIp());
                    H5Info h5 = new H5Info();
                    h5.setType("Wap");
                    scene.setH5Info(h5);
                    r.setSceneInfo(scene);
                    String url = clients().h5().prepay(r).getH5Url();
                    // WeChat sends the buyer back to redirect_url when the payment page closes.
                    String back = c.returnUrl() == null ? url : url + (url.contains("?") ? "&" : "?")
                            + "redirect_url=" + java.net.URLEncoder.encode(c.returnUrl(), StandardCharsets.UTF_8);
                    yield new Checkout(Channel.H5, back, null, Map.of());
                }
                case JSAPI -> {
                    var r = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
                    r.setAppid(appId());
                    r.setMchid(setting("merchant-id"));
                    r.setDescription(c.description());
                    r.setOutTradeNo(outTradeNo);
                    r.setTimeExpire(expire);
                    r.setNotifyUrl(notifyUrl());
                    var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
                    amount.setTotal(total);
                    r.setAmount(amount);
                    Payer payer = new Payer();
                    payer.setOpenid(c.openId());
                    r.setPayer(payer);
                    var p = clients().jsapi().prepayWithRequestPayment(r);
                    Map<String, String> params = new LinkedHashMap<>();
                    params.put("appId", p.getAppId());
                    params.put("timeStamp", p.getTimeStamp());
                    params.put("nonceStr", p.getNonceStr());
                    params.put("package", p.getPackageVal());
                    params.put("signType", p.getSignType());
                    params.put("paySign", p.getPaySign());
                    yield new Checkout(Channel.JSAPI, null, null, params);
                }
                case WAP -> throw new IllegalArgumentException("WeChat Pay has no channel WAP");
            };
        } catch (WechatPayException e) {
            throw unavailable(e);
        }
    }

    private static BusinessException unavailable(WechatPayException e) {
        String code = e instanceof ServiceException s ? " (" + s.getErrorCode() + ")" : "";
        return BusinessException.conflict("provider-unavailable", "WeChat Pay did not accept the request" + code
                + "; try again in a moment or choose another way to pay.");
    }

    @Override
    public Callback receive(Map<String, String> headers, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String timestamp = headers.get("wechatpay-timestamp");
        RequestParam param = new RequestParam.Builder()
                .serialNumber(headers.get("wechatpay-serial"))
                .nonce(headers.get("wechatpay-nonce"))
                .signature(headers.get("wechatpay-signature"))
                .signType(headers.getOrDefault("wechatpay-signature-type", "WECHATPAY2-SHA256-RSA2048"))
                .timestamp(timestamp)
                .body(text)
                .build();
        String event;
        try (var reader = Json.createReader(new StringReader(text))) {
            event = reader.readObject().getString("event_type", "");
        } catch (JsonException | ClassCastException e) {
            event = "";
        }
        try {
            if (event.startsWith("REFUND.")) {
                RefundNotification r = clients().parser().parse(param, RefundNotification.class);
                return new Callback.RefundResult(r.getOutRefundNo(), r.getRefundId(), state(r.getRefundStatus()),
                        String.valueOf(r.getRefundStatus()));
            }
            Transaction t = clients().parser().parse(param, Transaction.class);
            if (t == null || t.getOutTradeNo() == null || t.getAmount() == null || t.getAmount().getTotal() == null) {
                throw BusinessException.invalid("body", "The body is not a payment notification of WeChat Pay.");
            }
            return new Callback.Payment(notification(t));
        } catch (com.wechat.pay.java.core.exception.ValidationException e) {
            throw BusinessException.unauthenticated("The notification's signature is not WeChat Pay's; it was ignored.");
        } catch (BusinessException e) {
            throw e;
        } catch (RuntimeException e) {
            // Malformed JSON, a missing resource, a ciphertext the APIv3 key does not open.
            throw BusinessException.invalid("body", "The body is not a notification of WeChat Pay.");
        }
    }

    private static Notification notification(Transaction t) {
        return new Notification(t.getTransactionId(), TradeNumbers.paymentId(t.getOutTradeNo()),
                t.getAmount().getTotal(), t.getTradeState() == Transaction.TradeStateEnum.SUCCESS);
    }

    private static RefundState state(Status status) {
        if (status == Status.SUCCESS) {
            return RefundState.SUCCEEDED;
        }
        return status == Status.PROCESSING ? RefundState.PROCESSING : RefundState.FAILED;
    }

    @Override
    public Optional<Notification> query(String paymentId) {
        QueryOrderByOutTradeNoRequest r = new QueryOrderByOutTradeNoRequest();
        r.setMchid(setting("merchant-id"));
        r.setOutTradeNo(TradeNumbers.outTradeNo(paymentId));
        try {
            Transaction t = clients().nativePay().queryOrderByOutTradeNo(r);
            return t.getTradeState() == Transaction.TradeStateEnum.SUCCESS
                    || t.getTradeState() == Transaction.TradeStateEnum.REFUND
                    ? Optional.of(notification(t)) : Optional.empty();
        } catch (ServiceException e) {
            if ("ORDER_NOT_EXIST".equals(e.getErrorCode()) || "ORDERNOTEXIST".equals(e.getErrorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public boolean close(String paymentId) {
        CloseOrderRequest r = new CloseOrderRequest();
        r.setMchid(setting("merchant-id"));
        r.setOutTradeNo(TradeNumbers.outTradeNo(paymentId));
        try {
            clients().nativePay().closeOrder(r);
            return true;
        } catch (ServiceException e) {
            if ("ORDERPAID".equals(e.getErrorCode()) || "ORDER_PAID".equals(e.getErrorCode())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean billed() {
        return true;
    }

    /**
     * The trade bill of the day (all payments and refunds), downloaded through the SDK, its SHA-1 digest checked,
     * parsed as WeChat Pay documents it: a header, one line per trade with every field prefixed by a backquote
     * (amounts in yuan), then the totals.
     */
    @Override
    public List<BillLine> bill(java.time.LocalDate day) {
        var request = new com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest();
        request.setBillDate(day.toString());
        request.setBillType(com.wechat.pay.java.service.billdownload.model.BillType.ALL);
        String text;
        try {
            var entity = new com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension.Builder()
                    .httpClient(clients().http()).decryptor(clients().config().createDecryptor()).build()
                    .getTradeBill(request);
            try (var in = entity.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!entity.verifyHash()) {
                throw new IllegalStateException("The WeChat Pay bill of " + day + " does not match its digest");
            }
        } catch (ServiceException e) {
            if ("NO_STATEMENT_EXIST".equals(e.getErrorCode())) {
                return List.of();
            }
            throw e;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return parseBill(text);
    }

    static List<BillLine> parseBill(String text) {
        List<BillLine> lines = new java.util.ArrayList<>();
        String[] rows = text.split("\\r?\\n");
        for (int i = 1; i < rows.length; i++) {
            if (rows[i].startsWith("总交易单数") || rows[i].isBlank()) {
                break;
            }
            String[] f = rows[i].split(",", -1);
            for (int k = 0; k < f.length; k++) {
                f[k] = f[k].startsWith("`") ? f[k].substring(1) : f[k];
            }
            String transactionId = f[5];
            String paymentId = TradeNumbers.paymentId(f[6]);
            if ("REFUND".equals(f[9])) {
                lines.add(new BillLine(transactionId, paymentId, f[15], fen(f[16]), true));
            } else {
                lines.add(new BillLine(transactionId, paymentId, null, fen(f[12]), false));
            }
        }
        return lines;
    }

    private static long fen(String yuan) {
        return new java.math.BigDecimal(yuan.trim()).movePointRight(2).longValueExact();
    }

    @Override
    public RefundAnswer refund(RefundCommand c) {
        CreateRequest r = new CreateRequest();
        r.setTransactionId(c.transactionId());
        r.setOutRefundNo(c.refundNo());
        r.setReason(c.reason());
        r.setNotifyUrl(notifyUrl());
        AmountReq amount = new AmountReq();
        amount.setRefund(c.refundFen());
        amount.setTotal(c.totalFen());
        amount.setCurrency("CNY");
        r.setAmount(amount);
        try {
            var answer = clients().refunds().create(r);
            return new RefundAnswer(answer.getRefundId(), state(answer.getStatus()), String.valueOf(answer.getStatus()));
        } catch (ServiceException e) {
            return new RefundAnswer(null, RefundState.FAILED, e.getErrorCode() + ": " + e.getErrorMessage());
        }
    }
}
