package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.TestProjects;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An officer marks a project as a test project on the projects page; the public pages then leave it out, and name
 * the demo data's projects as demo.
 */
class ProjectVisibilityBrowserIT extends BrowserTest {

    private final Api api = Api.server();

    @Test
    void anOfficerMarksATestProjectAndThePublicPagesLeaveItOut() {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 500);
        Browser visitor = open(Browser.Size.PHONE, "zh-CN");
        visitor.open("/registry.xhtml");
        assertThat(visitor.driver().getPageSource()).contains(code);

        Browser desktop = open(Browser.Size.DESKTOP, "zh-CN");
        login(desktop, "officer");
        desktop.open("/officer/projects.xhtml");
        desktop.click("visibilityChange:submit");
        desktop.waitForText("visibilityChange", "请选择公开范围");
        new Select(desktop.find("visibilityChange:visibilityProject")).selectByValue(code);
        new Select(desktop.find("visibilityChange:visibility")).selectByValue("TEST");
        desktop.click("visibilityChange:submit");
        desktop.waitForText("messages", "已修改公开范围： " + code);
        assertThat(desktop.text("inventory")).contains(code, "测试项目（不公开）", "演示数据");
        assertThat(accessibilityFindings(desktop)).isEmpty();
        desktop.screenshot("desktop-officer-project-visibility");
        assertClean(desktop);

        visitor.open("/registry.xhtml");
        assertThat(visitor.driver().getPageSource()).doesNotContain(code);
        visitor.open("/transparency.xhtml");
        assertThat(visitor.driver().getPageSource()).doesNotContain(code);
        assertThat(visitor.text("by-project")).contains("（演示数据）");
        assertFitsAPhone(visitor);
        assertThat(accessibilityFindings(visitor)).isEmpty();
        visitor.screenshot("phone-transparency-demo-marked");
    }
}
