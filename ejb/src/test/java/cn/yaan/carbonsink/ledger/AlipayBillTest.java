package cn.yaan.carbonsink.ledger;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class AlipayBillTest {

    private static final String DETAIL = """
            #支付宝业务明细查询\r
            #账号：[20880000000000000156]\r
            #-----------------------------------------业务明细列表----------------------------------------\r
            支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\r
            2026050122001400000000000001\t,0f8fad5bd9cb469fa16570867728950e\t,交易\t,雅安森林碳汇\t,2026-05-01 10:00:00\t,2026-05-01 10:00:05\t,\t,\t,\t,\t,159****5620\t,8.00\t,8.00\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,\t\r
            2026050122001400000000000001\t,0f8fad5bd9cb469fa16570867728950e\t,退款\t,雅安森林碳汇\t,2026-05-01 11:00:00\t,2026-05-01 11:00:00\t,\t,\t,\t,\t,159****5620\t,-8.00\t,-8.00\t,0.00\t,0.00\t,0.00\t,0.00\t,0.00\t,\t,0.00\t,0.00\t,CSR42\t,0.00\t,0.00\t,\t\r
            #-----------------------------------------业务明细列表结束------------------------------------\r
            #交易合计：1笔，商家实收共8.00元\r
            """;

    @Test
    void aBillsBusinessDetailIsReadFromItsZipAndEachLineIsAPaymentOrARefund() throws Exception {
        Charset gbk = Charset.forName("GBK");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip, gbk)) {
            out.putNextEntry(new ZipEntry("20880000000000000156_20260501_业务明细(汇总).csv"));
            out.write("#支付宝业务汇总查询\r\n".getBytes(gbk));
            out.putNextEntry(new ZipEntry("20880000000000000156_20260501_业务明细.csv"));
            out.write(DETAIL.getBytes(gbk));
        }
        assertThat(AlipayProvider.parseBill(AlipayProvider.detail(zip.toByteArray()))).containsExactly(
                new PaymentProvider.BillLine("2026050122001400000000000001", "0f8fad5b-d9cb-469f-a165-70867728950e",
                        null, 800, false),
                new PaymentProvider.BillLine("2026050122001400000000000001", "0f8fad5b-d9cb-469f-a165-70867728950e",
                        "CSR42", 800, true));
    }
}
