package cn.yaan.carbonsink.ledger;

import java.util.regex.Pattern;

/**
 * The numbers the platform gives providers. A payment id is a UUID (36 characters); WeChat Pay takes at most 32 for
 * its {@code out_trade_no}, so providers get it without its hyphens and hand it back that way. A refund's number is
 * {@code CSR} and the refund's id.
 */
public final class TradeNumbers {

    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");

    private TradeNumbers() {
    }

    public static String outTradeNo(String paymentId) {
        return paymentId.replace("-", "");
    }

    /** The payment id of an {@code out_trade_no}, or the text itself when it is not one of ours. */
    public static String paymentId(String outTradeNo) {
        if (outTradeNo == null || !HEX32.matcher(outTradeNo).matches()) {
            return outTradeNo;
        }
        return outTradeNo.substring(0, 8) + "-" + outTradeNo.substring(8, 12) + "-" + outTradeNo.substring(12, 16)
                + "-" + outTradeNo.substring(16, 20) + "-" + outTradeNo.substring(20);
    }

    public static String refundNo(long refundId) {
        return "CSR" + refundId;
    }

    /** The refund id of a refund number, or -1 when it is not one of ours. */
    public static long refundId(String refundNo) {
        if (refundNo == null || !refundNo.matches("CSR[0-9]{1,18}")) {
            return -1;
        }
        return Long.parseLong(refundNo.substring(3));
    }
}
