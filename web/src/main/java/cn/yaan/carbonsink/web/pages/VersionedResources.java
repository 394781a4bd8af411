package cn.yaan.carbonsink.web.pages;

import jakarta.faces.application.Resource;
import jakarta.faces.application.ResourceHandler;
import jakarta.faces.application.ResourceHandlerWrapper;
import jakarta.faces.application.ResourceWrapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Gives every Faces resource without a version in its address (the application's own, {@code css/app.css}, and
 * Faces' {@code faces.js}) one: the start of its content's SHA-256 ({@link StaticAssets}). PrimeFaces' resources
 * already carry their release in {@code v=}. Registered in faces-config.xml.
 */
public class VersionedResources extends ResourceHandlerWrapper {

    public VersionedResources(ResourceHandler wrapped) {
        super(wrapped);
    }

    @Override
    public Resource createResource(String resourceName) {
        return versioned(super.createResource(resourceName));
    }

    @Override
    public Resource createResource(String resourceName, String libraryName) {
        return versioned(super.createResource(resourceName, libraryName));
    }

    @Override
    public Resource createResource(String resourceName, String libraryName, String contentType) {
        return versioned(super.createResource(resourceName, libraryName, contentType));
    }

    private static Resource versioned(Resource resource) {
        if (resource == null) {
            return null;
        }
        return new ResourceWrapper(resource) {
            @Override
            public String getRequestPath() {
                String path = super.getRequestPath();
                if (path.contains("?v=") || path.contains("&v=")) {
                    return path;
                }
                String version = StaticAssets.version("faces:" + resource.getLibraryName() + ":" + resource.getResourceName(), () -> {
                    try {
                        return resource.getInputStream();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                return path + (path.contains("?") ? "&" : "?") + "v=" + version;
            }
        };
    }
}
