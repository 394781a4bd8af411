package cn.yaan.carbonsink.web.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** The expired page's way back to where the user was ({@link ViewExpiry}). */
@Named
@RequestScoped
public class ExpiredBacking {

    @Inject
    HttpServletRequest request;

    public String getBack() {
        Object back = request.getAttribute(ViewExpiry.BACK);
        return back == null ? request.getContextPath() + "/" : back.toString();
    }
}
