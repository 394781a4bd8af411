package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.platform.AuditRecord;
import cn.yaan.carbonsink.platform.AuditTrail;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** The administrator's audit trail page ({@code admin/audit.xhtml}): who changed which account or site, when. */
@Named
@RequestScoped
public class AuditBacking {

    @Inject
    AuditTrail trail;

    private String who;
    private List<AuditRecord> records;

    public List<AuditRecord> getRecords() {
        if (records == null) {
            records = trail.recent(who);
        }
        return records;
    }

    public String getWho() { return who; }
    public void setWho(String who) { this.who = who; }
}
